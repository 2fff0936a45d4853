"""Hostile input for the fuzz tests: text, dates and files a careless or malicious sender
might post, and a way to spoil a valid form post with them."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from testkit.pdfs import ACTIVE_PDFS, HTML_POSING_AS_PDF, PLAIN_PDF

#: Fragments that have broken web forms before: markup, SQL, template syntax, path tricks,
#: bidirectional and zero-width characters, look-alike digits, numbers out of range.
FRAGMENTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE stakeholder_forms_stakeholderrequest; --",
    "' OR '1'='1",
    "1); SELECT pg_sleep(5); --",
    "%' AND 1=1 --",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\ufeff",
    "\u200b\u200c\u200d",
    "𝕿𝖊𝖘𝖙",
    "🏳️‍🌈👩‍👩‍👧‍👦",
    "ﷺ",
    "Ｔｅｓｔ１２３",
    "١٢٣٤٥٦٧٨٩",
    "İıß",
    "\r\n\r\n",
    "\t\v\f",
    "\x1b[31mred",
    "NaN",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "null",
    "[]",
    "{}",
    "A-",
    "A 000 000 000",
    " ",
]

long_text = st.builds(
    lambda unit, times: unit * times,
    st.sampled_from(["A", "é", "😀", "<b>", "\x00", "'", "1"]),
    st.integers(min_value=1_000, max_value=40_000),
)

hostile_text = st.one_of(
    st.text(max_size=120),
    st.sampled_from(FRAGMENTS),
    st.lists(st.sampled_from(FRAGMENTS), min_size=2, max_size=5).map("".join),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Mn", "So"]), max_size=40),
    long_text,
)

bad_dates = st.one_of(
    st.sampled_from(
        [
            "2026-02-30",
            "2025-02-29",
            "0000-00-00",
            "0001-01-01",
            "9999-12-31",
            "31/12/2020",
            "12/31/2020",
            "2020-13-01",
            "yesterday",
            "1899-12-31",
            "-2020-01-01",
            "20200101",
            "2020-01-01T25:61",
            "2026-11-27T22:15",
            "2026-11-27T24:00",
            "",
        ]
    ),
    st.dates(min_value=datetime.date(1, 1, 1)).map(datetime.date.isoformat),
    st.datetimes().map(lambda value: value.isoformat(timespec="minutes")),
    hostile_text,
)


def hostile_value(text=hostile_text):
    """A replacement for one posted value: hostile text, a bad date, several values, or the
    field left out of the post (None)."""
    return st.one_of(
        text,
        bad_dates,
        st.lists(text, max_size=4),
        st.none(),
    )


MINIMAL_PDF = PLAIN_PDF

_file_names = st.one_of(
    st.sampled_from(
        [
            "scan.pdf",
            "warrant.PDF",
            "../../../etc/passwd.pdf",
            "..\\..\\boot.ini",
            "evil.pdf.exe",
            "report.txt",
            "capture.pcap",
            "noextension",
            ".pdf",
            "<script>.pdf",
            "名前.pdf",
            "\u202efdp.exe",
            "a" * 300 + ".pdf",
            "a" * 300 + ".txt",
        ]
    ),
    st.text(max_size=60).map(lambda stem: f"{stem}.pdf"),
    st.text(max_size=60).map(lambda stem: f"{stem}.txt"),
)

_contents = st.one_of(
    st.just(b""),
    st.just(MINIMAL_PDF),
    st.sampled_from(list(ACTIVE_PDFS.values())),
    st.just(HTML_POSING_AS_PDF),
    st.just(b"<html><body>not a pdf</body></html>"),
    st.just(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
    st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
    st.just(b"%PDF-1.4\n" + b"x" * 100),
    st.just(b"plain text log line\n" * 20),
    st.binary(max_size=512),
    # Larger than the limits the fuzz tests set (a few KiB), so "too large" is tried cheaply.
    st.integers(min_value=9_000, max_value=40_000).map(lambda n: MINIMAL_PDF + b"0" * n),
)

_content_types = st.sampled_from(
    [
        "application/pdf",
        "text/plain",
        "text/html",
        "application/x-msdownload",
        "image/png",
        "application/octet-stream",
        "",
    ]
)

hostile_file = st.builds(
    lambda name, content, content_type: SimpleUploadedFile(
        name, content, content_type=content_type or "application/octet-stream"
    ),
    _file_names,
    _contents,
    _content_types,
)


def spoil(base: dict, fields: list[str] | None = None, text=hostile_text):
    """A valid post with one to six of its values replaced by hostile ones or left out."""
    keys = st.sampled_from(fields or list(base))
    return st.dictionaries(keys, hostile_value(text), min_size=1, max_size=6).map(
        lambda changes: _apply(base, changes)
    )


def _apply(base: dict, changes: dict) -> dict:
    data = dict(base)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
