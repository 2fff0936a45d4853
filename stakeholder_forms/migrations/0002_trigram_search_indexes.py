"""Trigram indexes for the reviewers' search by name or case number, on PostgreSQL only.

The admin searches every `search_fields` column with `UPPER(column) LIKE UPPER('%term%')`,
OR-ed together. A B-tree index cannot serve a `LIKE` with a leading wildcard, so at a million
requests every name search read the whole table (0.2-0.7 s). A GIN index over the column's
trigrams (`pg_trgm`) serves it, and PostgreSQL combines one index per OR-ed column (a
BitmapOr); the A-number is compared for equality and has its B-tree index already. The indexed
expression must be the one Django sends, `UPPER(column::text)` (PostgreSQL adds the cast itself). SQLite has no GIN
indexes; its development-sized tables need none.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models.functions import Upper

INDEXES = {
    "tracking_number": "stakeholder_tracking_trgm",
    "subject_family_name": "stakeholder_family_name_trgm",
    "subject_given_names": "stakeholder_given_names_trgm",
    "subject_middle_name": "stakeholder_middle_name_trgm",
    "subject_other_names": "stakeholder_other_names_trgm",
    "case_number": "stakeholder_case_number_trgm",
}


def trigram_index(column: str) -> GinIndex:
    return GinIndex(OpClass(Upper(column), name="gin_trgm_ops"), name=INDEXES[column])


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("stakeholder_forms", "StakeholderRequest")
    for column in INDEXES:
        schema_editor.add_index(model, trigram_index(column))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("stakeholder_forms", "StakeholderRequest")
    for column in INDEXES:
        schema_editor.remove_index(model, trigram_index(column))


class Migration(migrations.Migration):
    dependencies = [("stakeholder_forms", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
