"""The one numbering of the portal: format, parser, allocation, and the move of the old counters."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from sequences.models import Sequence

from leacorner import numbering
from leacorner.numbering import Number, Prefix


def test_numbers_print_with_six_digits_at_least():
    assert str(Number("CJS", 2026, 123)) == "CJS-2026-000123"
    assert str(Number("CIR", 2026, 1_234_567)) == "CIR-2026-1234567"


@pytest.mark.parametrize(
    ("text", "prefix", "expected"),
    [
        ("CJS-2026-000123", None, Number("CJS", 2026, 123)),
        ("  cert-2026-000045 ", Prefix.CERTIFICATION, Number("CERT", 2026, 45)),
        ("CIR-2027-1000000", Prefix.CYBER_REPORT, Number("CIR", 2027, 1_000_000)),
        ("CIR-2026-000001", Prefix.STAKEHOLDER_REQUEST, None),  # another kind of number
        ("CJS-2026-00012", None, None),  # too few digits
        ("CJS-26-000012", None, None),
        ("CJS 2026 000012", None, None),
        ("Smith", None, None),
        ("", None, None),
    ],
)
def test_parse_reads_only_whole_numbers_of_the_kind_asked(text, prefix, expected):
    assert numbering.parse(text, prefix=prefix) == expected


def test_a_parsed_number_prints_as_it_was_allocated(db):
    number = numbering.allocate(Prefix.CERTIFICATION)
    assert numbering.parse(str(number).lower()) == number


def test_each_prefix_counts_per_year_from_one(db):
    this_year = datetime.date.today().year
    assert str(numbering.allocate(Prefix.CYBER_REPORT)) == f"CIR-{this_year}-000001"
    assert str(numbering.allocate(Prefix.CYBER_REPORT)) == f"CIR-{this_year}-000002"
    assert str(numbering.allocate(Prefix.CERTIFICATION)) == f"CERT-{this_year}-000001"
    assert str(numbering.allocate(Prefix.CYBER_REPORT, year=2031)) == "CIR-2031-000001"
    assert Sequence.objects.get(name=f"CIR-{this_year}").last == 2


# Every transactional test of the suite restores the migrated data (roles, seeds) at its start
# and its flush leaves the tables empty: mixing in an unserialized one would break the next.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_old_counters_values_carry_over_to_the_sequences():
    """Migrating a database that has the old per-app counters keeps every series going."""
    before = [
        ("stakeholder_forms", "0003_assignee_queue_index"),
        ("cyber_reports", "0004_routing_copies_report_sector_and_time"),
    ]
    after = [
        ("stakeholder_forms", "0004_counters_move_to_sequences"),
        ("cyber_reports", "0005_tracking_sequence_moves_to_sequences"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("stakeholder_forms", "NumberCounter").objects.create(
        prefix="CJS", year=2025, last_number=41
    )
    old.get_model("stakeholder_forms", "NumberCounter").objects.create(
        prefix="CERT", year=2025, last_number=7
    )
    old.get_model("cyber_reports", "TrackingSequence").objects.create(year=2025, last_value=990)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert str(numbering.allocate(Prefix.STAKEHOLDER_REQUEST, year=2025)) == "CJS-2025-000042"
    assert str(numbering.allocate(Prefix.CERTIFICATION, year=2025)) == "CERT-2025-000008"
    assert str(numbering.allocate(Prefix.CYBER_REPORT, year=2025)) == "CIR-2025-000991"
