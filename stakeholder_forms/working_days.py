"""Working days (Monday to Friday, less U.S. federal holidays as observed), for the age of a
request in the review queue."""

from datetime import date, timedelta
from functools import lru_cache


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    # A holiday on a Saturday is observed on the Friday before, on a Sunday the Monday after.
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def federal_holidays(year: int) -> frozenset[date]:
    monday, thursday = 0, 3
    fixed = [date(year, 1, 1), date(year, 6, 19), date(year, 7, 4), date(year, 11, 11)]
    fixed.append(date(year, 12, 25))
    moving = [
        _nth_weekday(year, 1, monday, 3),  # Birthday of Martin Luther King, Jr.
        _nth_weekday(year, 2, monday, 3),  # Washington's Birthday
        _last_weekday(year, 5, monday),  # Memorial Day
        _nth_weekday(year, 9, monday, 1),  # Labor Day
        _nth_weekday(year, 10, monday, 2),  # Columbus Day
        _nth_weekday(year, 11, thursday, 4),  # Thanksgiving Day
    ]
    days = {_observed(day) for day in fixed} | set(moving)
    # New Year's Day of the next year may be observed on 31 December of this one.
    if date(year + 1, 1, 1).weekday() == 5:
        days.add(date(year, 12, 31))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later).

    Counted by arithmetic, not day by day: the reviewers' queue shows the age of fifty
    requests per page, some of them years old."""
    days = (end - start).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    weekdays = 5 * weeks + sum(1 for i in range(1, rest + 1) if (first + i) % 7 < 5)
    holidays = {
        day
        for year in range(start.year, end.year + 1)
        for day in federal_holidays(year)
        # A day is a holiday when its own year's list has it (is_working_day's rule).
        if day.year == year and start < day <= end and day.weekday() < 5
    }
    return weekdays - len(holidays)


def working_days_before(end: date, n: int) -> date:
    """The latest day `d` for which `working_days_between(d, end) >= n`."""
    day, counted = end, 0
    while counted < n:
        if is_working_day(day):
            counted += 1
        day -= timedelta(days=1)
    return day
