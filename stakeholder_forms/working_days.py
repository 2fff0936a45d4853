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
    """Working days after `start` up to and including `end` (0 when `end` is not later)."""
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


def working_days_before(end: date, n: int) -> date:
    """The latest day `d` for which `working_days_between(d, end) >= n`."""
    day, counted = end, 0
    while counted < n:
        if is_working_day(day):
            counted += 1
        day -= timedelta(days=1)
    return day
