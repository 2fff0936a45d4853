"""The age of a request in working days, as the reviewers' queue shows it."""

from datetime import date, timedelta

import pytest

from stakeholder_forms.working_days import (
    federal_holidays,
    is_working_day,
    working_days_before,
    working_days_between,
)


def day_by_day(start: date, end: date) -> int:
    """The definition: every day after `start` up to `end` that is a working day."""
    days = (end - start).days
    return sum(1 for i in range(1, days + 1) if is_working_day(start + timedelta(days=i)))


def test_counts_as_the_definition_over_every_start_day_and_many_lengths():
    # Eight years of start days: Juneteenth before and after 2021, New Year's Day observed on
    # 31 December in 2021 and 2022, holidays observed on the Friday before and the Monday
    # after, each start with spans from none to over two years.
    start = date(2018, 12, 1)
    while start < date(2026, 12, 31):
        for length in (0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 30, 31, 364, 365, 366, 800):
            end = start + timedelta(days=length)
            assert working_days_between(start, end) == day_by_day(start, end), (start, end)
        start += timedelta(days=3)


def test_a_span_of_many_years_counts_as_the_definition():
    start, end = date(2015, 3, 17), date(2029, 8, 2)
    assert working_days_between(start, end) == day_by_day(start, end)


# The federal holidays as the Office of Personnel Management lists them, observed days included.
OPM_2020 = [
    date(2020, 1, 1),
    date(2020, 1, 20),
    date(2020, 2, 17),
    date(2020, 5, 25),
    date(2020, 7, 3),  # Independence Day, a Saturday
    date(2020, 9, 7),
    date(2020, 10, 12),
    date(2020, 11, 11),
    date(2020, 11, 26),
    date(2020, 12, 25),
]
OPM_2021 = [
    date(2021, 1, 1),
    date(2021, 1, 18),
    date(2021, 2, 15),
    date(2021, 5, 31),
    date(2021, 6, 18),  # Juneteenth, a Saturday, in its first year
    date(2021, 7, 5),  # Independence Day, a Sunday
    date(2021, 9, 6),
    date(2021, 10, 11),
    date(2021, 11, 11),
    date(2021, 11, 25),
    date(2021, 12, 24),  # Christmas Day, a Saturday
    date(2021, 12, 31),  # New Year's Day 2022, a Saturday
]


@pytest.mark.parametrize(("year", "observed"), [(2020, OPM_2020), (2021, OPM_2021)])
def test_the_weekday_holidays_are_opms(year, observed):
    on_weekdays = sorted(day for day in federal_holidays(year) if day.weekday() < 5)
    assert on_weekdays == observed
    new_years_eve = date(year - 1, 12, 31)
    days = [new_years_eve + timedelta(days=i) for i in range(1, 367)]
    weekdays = sum(1 for day in days if day.year == year and day.weekday() < 5)
    assert working_days_between(new_years_eve, date(year, 12, 31)) == weekdays - len(observed)


def test_juneteenth_is_a_holiday_from_2021_only():
    assert is_working_day(date(2020, 6, 19))  # a Friday, before the holiday existed
    assert not is_working_day(date(2021, 6, 18))  # the 19th a Saturday: the Friday before
    assert not is_working_day(date(2022, 6, 20))  # the 19th a Sunday: the Monday after
    assert not is_working_day(date(2023, 6, 19))
    assert working_days_between(date(2020, 6, 14), date(2020, 6, 19)) == 5
    assert working_days_between(date(2021, 6, 13), date(2021, 6, 18)) == 4


def test_holidays_on_a_weekend_are_observed_on_the_nearest_weekday():
    assert not is_working_day(date(2020, 7, 3))  # 4 July 2020, a Saturday
    assert not is_working_day(date(2021, 7, 5))  # 4 July 2021, a Sunday
    assert not is_working_day(date(2023, 11, 10))  # Veterans Day 2023, a Saturday
    assert not is_working_day(date(2023, 1, 2))  # New Year's Day 2023, a Sunday
    assert not is_working_day(date(2021, 12, 31))  # New Year's Day 2022, a Saturday
    assert is_working_day(date(2022, 12, 30))  # New Year's Day 2023 is observed after it


def test_known_weeks():
    # Thanksgiving week 2026: Monday 23 November to Friday 27 November, Thursday a holiday.
    assert working_days_between(date(2026, 11, 22), date(2026, 11, 27)) == 4
    # Christmas 2021 fell on a Saturday, observed Friday 24 December; New Year's Day 2022
    # on a Saturday, observed Friday 31 December 2021.
    assert working_days_between(date(2021, 12, 19), date(2022, 1, 2)) == 8
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == 0


def test_a_span_across_the_new_year():
    # 28 December 2022 to 6 January 2023: the 29th, 30th, 3rd to 6th (2 January observed).
    assert working_days_between(date(2022, 12, 28), date(2023, 1, 6)) == 6


@pytest.mark.parametrize("n", [1, 5, 11, 30])
def test_working_days_before_is_the_latest_day_that_far_back(n):
    for end in (date(2021, 1, 4), date(2021, 7, 6), date(2022, 1, 3), date(2026, 11, 30)):
        day = working_days_before(end, n)
        assert working_days_between(day, end) >= n
        assert working_days_between(day + timedelta(days=1), end) < n
