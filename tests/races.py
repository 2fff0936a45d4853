"""Races between real database connections: each attempt in its own thread, on PostgreSQL.

SQLite has no row locks (`select_for_update` does nothing there) and serialises every writer, so
the tests that use this are PostgreSQL's (they skip with that reason on SQLite)."""

import os
import threading
import time

import pytest
from django.db import close_old_connections, connection, models, transaction

from leacorner.transitions import StaleRecord, TransitionError

#: The marks of a module of races: PostgreSQL only, real transactions, the migrated data restored.
RACES = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (DATABASE_URL): SQLite has no row locks to race on, it "
        "serialises every writer",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def race(*attempts, hold_lock_on: models.Model | None = None) -> list[str]:
    """Run each attempt in its own thread and connection, all released at once; return each
    outcome ("won", "stale", "refused") in the order given. With `hold_lock_on`, this thread
    holds that record's row lock until every attempt is waiting on it."""
    outcomes: list[str | None] = [None] * len(attempts)
    start = threading.Barrier(len(attempts) + 1)

    def run(index, attempt):
        try:
            start.wait()
            attempt()
            outcomes[index] = "won"
        except StaleRecord:
            outcomes[index] = "stale"
        except TransitionError:
            outcomes[index] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    if hold_lock_on is None:
        start.wait()
    else:
        with transaction.atomic():
            type(hold_lock_on).objects.select_for_update().get(pk=hold_lock_on.pk)
            start.wait()
            time.sleep(0.5)  # both attempts are now blocked on the row lock
    for thread in threads:
        thread.join(timeout=30)
    close_old_connections()
    return outcomes
