"""Dates read one way everywhere: "December 2, 2026" (leacorner/formats/en/formats.py).

The grep below reads every template (pages, e-mails, the admin's) and the apps' Python and
refuses a date written in any other format: a template says `|date` or
`|date:"DATETIME_FORMAT"` (or TIME_FORMAT), Python says `date_format(value)`. Only
machine-readable values may be ISO 8601: `<time datetime="...">` attributes."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone
from django.utils.formats import date_format

ROOT = Path(__file__).resolve().parent.parent
APPS = ["accounts", "cyber_reports", "leacorner", "programs", "stakeholder_forms", "templates"]
NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT"}
TEMPLATE_FORMAT = re.compile(
    r"""\|(date|time):\s*(?P<quote>["']?)(?P<format>[^"'|}\s]*)(?P=quote)"""
)
MACHINE_READABLE = re.compile(r"""datetime=["']\{\{[^}]*\|date:["'](c|Y-m-d)["']\s*\}\}""")
PYTHON_FORMAT = re.compile(r"""date_format\([^,()]+(?:\([^()]*\))?,\s*["']([^"']+)["']""")
STRFTIME = re.compile(r"""strftime\(["']([^"']+)["']\)""")
# File names and stored paths, not text a person reads as a date.
MACHINE_STRFTIME = {"%Y/%m", "%Y%m%d-%H%M"}


def _templates() -> list[Path]:
    return [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*")
        if path.suffix in {".html", ".txt"} and "templates" in path.parts
    ]


def _python() -> list[Path]:
    return [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "formats.py"
    ]


def test_the_grep_reads_the_templates_that_show_dates():
    names = {path.name for path in _templates()}
    assert {"request_detail.html", "verify.html", "desk_report.html", "_notices.html"} <= names


def test_templates_write_dates_only_in_the_portals_format():
    others = []
    for path in _templates():
        text = MACHINE_READABLE.sub("", path.read_text())
        for match in TEMPLATE_FORMAT.finditer(text):
            if match["format"] not in NAMED:
                others.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not others, "dates in another format:\n" + "\n".join(others)


def test_python_writes_dates_only_in_the_portals_format():
    others = []
    for path in _python():
        text = path.read_text()
        for match in PYTHON_FORMAT.finditer(text):
            if match[1] not in NAMED:
                others.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        for match in STRFTIME.finditer(text):
            if match[1] not in MACHINE_STRFTIME:
                others.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not others, "dates in another format:\n" + "\n".join(others)


@pytest.mark.parametrize(
    "probe",
    [
        "{{ day|date }}",
        '{{ day|date:"DATE_FORMAT" }}',
        "{{ day }}",
        "{{ day|date:'SHORT_DATE_FORMAT' }}",
    ],
)
def test_a_date_reads_month_day_year_in_full(probe):
    day = datetime.date(2026, 12, 2)
    assert Template(probe).render(Context({"day": day})) == "December 2, 2026"
    assert date_format(day) == "December 2, 2026"


def test_a_moment_reads_with_its_time_and_zone():
    moment = timezone.make_aware(datetime.datetime(2026, 12, 2, 15, 45))
    rendered = Template('{{ moment|date:"DATETIME_FORMAT" }}').render(Context({"moment": moment}))
    assert rendered == "December 2, 2026, 3:45 p.m. EST"
