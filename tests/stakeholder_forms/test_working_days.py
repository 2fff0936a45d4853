"""The age of a request in working days, as the reviewers' queue shows it."""

from datetime import date, timedelta

from stakeholder_forms.working_days import is_working_day, working_days_between


def day_by_day(start: date, end: date) -> int:
    """The definition: every day after `start` up to `end` that is a working day."""
    days = (end - start).days
    return sum(1 for i in range(1, days + 1) if is_working_day(start + timedelta(days=i)))


def test_counts_as_the_definition_over_every_start_day_and_many_lengths():
    # Four years of start days (New Year's Day observed on 31 December in 2021 and 2022),
    # each with spans from none to over two years.
    start = date(2020, 12, 1)
    while start < date(2024, 12, 31):
        for length in (0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 30, 31, 364, 365, 366, 800):
            end = start + timedelta(days=length)
            assert working_days_between(start, end) == day_by_day(start, end), (start, end)
        start += timedelta(days=3)


def test_known_weeks():
    # Thanksgiving week 2026: Monday 23 November to Friday 27 November, Thursday a holiday.
    assert working_days_between(date(2026, 11, 22), date(2026, 11, 27)) == 4
    # Christmas 2021 fell on a Saturday, observed Friday 24 December; New Year's Day 2022
    # on a Saturday, observed Friday 31 December 2021.
    assert working_days_between(date(2021, 12, 19), date(2022, 1, 2)) == 8
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == 0
