"""Working days (Monday to Friday, less U.S. federal holidays as observed), for the age of a
request in the review queue.

The holidays come from the `holidays` package: its United States calendar, "public" category,
with no state. That is the list of legal public holidays of 5 U.S.C. 6103(a), each only in the
years it exists (Juneteenth National Independence Day from 2021, Martin Luther King, Jr.'s
Birthday from 1986), with the observed days federal offices close on under 6103(b) and
Executive Order 11582: a holiday on a Saturday is observed on the Friday before, one on a Sunday
on the Monday after, so New Year's Day on a Saturday is observed on 31 December of the year
before (and belongs to that year's list). Not used: the package's "government" category, which
adds one-off closures by executive order (Christmas Eve 2024, national days of mourning),
announced days ahead, so a request's age shown yesterday would change under it; and its
financial calendars (the NYSE closes on Good Friday and opens on Columbus and Veterans Day).
"""

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def federal_holidays(year: int) -> frozenset[date]:
    """The days of `year` that are a federal holiday or observed as one (weekends included)."""
    calendar = holidays.country_holidays("US", years=year, observed=True)
    return frozenset(day for day in calendar if day.year == year)


@lru_cache(maxsize=256)
def _weekday_holidays(year: int) -> tuple[int, ...]:
    """The ordinals of `year`'s holidays that fall on a weekday, sorted for bisection."""
    return tuple(sorted(day.toordinal() for day in federal_holidays(year) if day.weekday() < 5))


def _weekday_holidays_through(day: date) -> int:
    """How many weekday holidays of `day`'s year fall on or before `day`."""
    return bisect_right(_weekday_holidays(day.year), day.toordinal())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later).

    Counted by arithmetic, not day by day: the reviewers' queue shows the age of fifty
    requests per page, some of them years old. Weekdays come from whole weeks plus the few days
    left over; each year's weekday holidays are a sorted tuple, so the holidays in the span are
    two bisections plus the lengths of the whole years between."""
    days = (end - start).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    weekdays = 5 * weeks + sum(1 for i in range(1, rest + 1) if (first + i) % 7 < 5)
    through_end = _weekday_holidays_through(end)
    through_start = _weekday_holidays_through(start)
    if start.year == end.year:
        holidays_in_span = through_end - through_start
    else:
        holidays_in_span = (
            len(_weekday_holidays(start.year))
            - through_start
            + sum(len(_weekday_holidays(year)) for year in range(start.year + 1, end.year))
            + through_end
        )
    return weekdays - holidays_in_span


def working_days_before(end: date, n: int) -> date:
    """The latest day `d` for which `working_days_between(d, end) >= n`."""
    day, counted = end, 0
    while counted < n:
        if is_working_day(day):
            counted += 1
        day -= timedelta(days=1)
    return day
