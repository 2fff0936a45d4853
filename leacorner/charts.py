"""Bar charts drawn on the server: SVG with the same numbers in a table beside it.

The staff dashboards (the stakeholder queue's, each agency desk's) draw every chart with this
module and the `{% chart %}` tag (templatetags/charts.py, templates/includes/_chart.html). No
chart JavaScript: the SVG is a picture of the table for sighted readers (`role="img"`, named
by the chart's title), the table is what screen readers, copy and paste and printouts use, and
the numbers in both come from one `Chart`.

A chart is horizontal bars, one group per category (a week, an age band, a reviewer), one bar
per series (at most `MAX_SERIES`, told apart by colour and by the legend's order); bars are
grouped, never stacked, because a series may count a thing more than once (a report with two
incident types). The SVG's coordinate box is narrow (`WIDTH`) and every label sits on its own
line above its bars, so at 375 px the text is drawn at about its nominal size and long names
are shortened (the table keeps them whole).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import intcomma

WIDTH = 320
LABEL_HEIGHT = 16
BAR_HEIGHT = 12
BAR_GAP = 2
GROUP_GAP = 8
VALUE_ROOM = 64  # room right of the longest bar for its value
LABEL_CHARACTERS = 46
MAX_SERIES = 3

Number = int | float | None


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Number, ...]


@dataclass(frozen=True)
class Bar:
    series: int
    x_end: float
    y: float
    value_text: str

    @property
    def value_x(self) -> float:
        return self.x_end + 4

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT - 2


@dataclass(frozen=True)
class Group:
    label: str
    short_label: str
    label_y: float
    bars: tuple[Bar, ...]
    cells: tuple[str, ...]


def format_number(value: Number, decimals: int = 0) -> str:
    """ "1,234", "3.5" or "—" (no figure: nothing to measure)."""
    if value is None:
        return "—"
    if decimals:
        return f"{value:,.{decimals}f}"
    return intcomma(round(value))


def _shortened(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Chart:
    """`Chart(slug="filed-per-week", title="…", category_heading="Week", categories=[…],
    series=[Series("Filed", (…)), …], unit="requests")`: one chart and its table.

    `slug` makes the element ids of the page unique; `decimals` formats every value;
    `note` is a sentence under the title (what is counted, over which period)."""

    slug: str
    title: str
    category_heading: str
    categories: Sequence[str]
    series: Sequence[Series]
    unit: str = ""
    decimals: int = 0
    note: str = ""
    groups: tuple[Group, ...] = field(init=False)
    height: int = field(init=False)

    def __post_init__(self) -> None:
        if not 1 <= len(self.series) <= MAX_SERIES:
            raise ValueError(f"a chart has 1 to {MAX_SERIES} series, not {len(self.series)}")
        for one in self.series:
            if len(one.values) != len(self.categories):
                raise ValueError(f"series {one.name!r} has a value per category")
        largest = max((v for s in self.series for v in s.values if v), default=0)
        scale = (WIDTH - VALUE_ROOM) / largest if largest else 0
        groups, y = [], 0.0
        for i, label in enumerate(self.categories):
            label_y = y + LABEL_HEIGHT - 4
            y += LABEL_HEIGHT
            bars = []
            for s, one in enumerate(self.series):
                value = one.values[i]
                text = format_number(value, self.decimals)
                bars.append(
                    Bar(series=s, x_end=round((value or 0) * scale, 1), y=y, value_text=text)
                )
                y += BAR_HEIGHT + BAR_GAP
            y += GROUP_GAP
            cells = tuple(bar.value_text for bar in bars)
            groups.append(Group(label, _shortened(label), label_y, tuple(bars), cells))
        object.__setattr__(self, "groups", tuple(groups))
        object.__setattr__(self, "height", max(int(y), 1))

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def has_legend(self) -> bool:
        return len(self.series) > 1

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)


def recent_weeks(count: int, today) -> list:
    """The Mondays of the last `count` weeks, oldest first, the current week last: the rows of
    every weekly chart (weeks run Monday to Sunday in the portal's time zone, as TruncWeek
    counts them)."""
    from datetime import timedelta

    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(count - 1, -1, -1)]
