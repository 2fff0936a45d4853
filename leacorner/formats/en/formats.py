"""How the portal writes dates and times in English: one way everywhere, pages, e-mails,
PDFs and the admin (FORMAT_MODULE_PATH in settings points here; Django's own en formats
fill in the rest).

A date is written out, month in full: "December 2, 2026", as U.S. federal documents and
courts write it; never "Dec. 2, 2026", "12/02/2026" or "2026-12-02", which read differently
to different readers. A time is "3:45 p.m." with the zone where the reader may be elsewhere.
Templates say `|date` (or `|date:"DATETIME_FORMAT"`), Python says
`date_format(value)`; tests/test_date_formats.py refuses any other format in a template.
Machine-readable values (`<time datetime=...>`, file names, CSV exports) keep ISO 8601.
"""

DATE_FORMAT = "F j, Y"
SHORT_DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i a T"
SHORT_DATETIME_FORMAT = "F j, Y, g:i a T"
TIME_FORMAT = "g:i a"
MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"
