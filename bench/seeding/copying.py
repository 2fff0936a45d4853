"""PostgreSQL COPY for the scale seeder: rows of a model written in its text format, 50,000 at a
time, and the foreign keys checked once for the whole load rather than row by row."""

import datetime
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, models

CHUNK = 50_000


def _text(field: models.Field, value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return r"\N"
    if isinstance(field, models.JSONField):
        value = json.dumps(value)
    elif isinstance(value, bool):
        return "t" if value else "f"
    elif isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    value = str(value)
    if any(ch in value for ch in "\\\t\n\r"):
        value = (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


class Copier:
    """Rows of one model as column → value dicts over a template instance's defaults."""

    def __init__(self, model: type[models.Model], *, with_pk: bool = True, **template) -> None:
        self.model = model
        self.fields = {
            f.column: f for f in model._meta.concrete_fields if with_pk or not f.primary_key
        }
        instance = model(**template)
        for field in self.fields.values():
            # A checkbox left unset is False, as the forms would save it.
            if isinstance(field, models.BooleanField) and getattr(instance, field.attname) is None:
                setattr(instance, field.attname, False)
        self.base = {
            column: _text(field, field.pre_save(instance, add=True))
            if not isinstance(field, models.FileField)
            else ""
            for column, field in self.fields.items()
        }
        self.rows = 0

    def copy(self, cursor, rows: Iterable[dict]) -> None:
        columns = list(self.fields)
        buffer = io.StringIO()
        count = 0
        for row in rows:
            values = self.base.copy()
            for column, value in row.items():
                values[column] = _text(self.fields[column], value)
            buffer.write("\t".join(values[c] for c in columns))
            buffer.write("\n")
            count += 1
            if count % CHUNK == 0:
                self._flush(cursor, columns, buffer)
                buffer = io.StringIO()
        self._flush(cursor, columns, buffer)
        self.rows += count

    def _flush(self, cursor, columns: list[str], buffer: io.StringIO) -> None:
        if not buffer.tell():
            return
        buffer.seek(0)
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)


def next_id(cursor, model) -> int:
    """The first free primary key of `model`'s table."""
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608
    return cursor.fetchone()[0]


def reset_sequence(cursor, model) -> None:
    """Move the id sequence of `model`'s table past the rows COPY wrote with explicit ids."""
    table = model._meta.db_table
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
    )


@contextmanager
def foreign_keys_checked_once(cursor, models_: Iterable[type[models.Model]]) -> Iterator[None]:
    """Load the tables without their foreign keys, then add the keys back, checking every row.

    Django's foreign keys are deferred: each COPY'd row queues a check (and a share lock on the
    referenced row) that runs at COMMIT, millions of them one by one, for longer than the load
    itself. Adding a key to a full table checks all rows in one join instead. Inside the seed's
    transaction, so either every row passes every key or nothing is kept.
    """
    tables = [model._meta.db_table for model in models_]
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
        [tables],
    )
    keys = cursor.fetchall()
    for table, name, _definition in keys:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    yield
    for table, name, definition in keys:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
