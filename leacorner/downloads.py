"""Downloads of private records: uploaded documents and attachments, certification PDFs,
desk exports. Every view that hands out a file answers through one of these three functions.

The rule, the same for all of them, since every file the portal serves is about a person or
an incident (PII or law-enforcement sensitive) and is only ever served to a signed-in,
authorised user:

- always an attachment, never shown inline (no uploaded HTML or SVG runs in the site's origin);
- `Cache-Control: private, no-store`, so no shared cache or the browser's disk keeps a copy;
- a file name cleaned of paths and control characters, then encoded by Django
  (`content_disposition_header`, as `FileResponse` does): quotes escaped, non-ASCII names as
  RFC 6266 `filename*=`;
- a stored file that is missing (no file on the record, or gone from the storage) answers 404.

Who may download is the calling view's decision, made before it calls these.
"""

import csv
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

PRIVATE_CACHE_CONTROL = "private, no-store"
#: Longest offered file name; longer ones keep their end (where the extension is).
MAX_FILENAME_LENGTH = 200


def safe_filename(name: str, *, default: str) -> str:
    """`name` without directories, control characters or quotes; `default` if nothing is left."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>').strip()
    if cleaned in {"", ".", ".."}:
        return default
    return cleaned[-MAX_FILENAME_LENGTH:]


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    return response


def stored_file_response(
    field_file: FieldFile | None,
    *,
    filename: str,
    content_type: str,
    default_name: str = "download",
) -> FileResponse:
    """The file stored in `field_file`, streamed as a download named `filename` (or
    `default_name` when the name has nothing usable).

    Raises Http404 when the record has no file or the storage no longer has it."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_filename(filename, default=default_name),
        content_type=content_type,
    )
    return _private(response)


def bytes_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """Bytes built in memory (a rendered PDF, a STIX bundle) as a download named `filename`.

    An `HttpResponse`, not a `FileResponse`: the bytes are already whole, so the response
    carries them as its `content` rather than streaming a file."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(filename, default="download")
    )
    return _private(response)


#: What a spreadsheet reads as the start of a formula (OWASP "CSV injection"), tab and carriage
#: return included: some spreadsheets strip them and then read the "=" behind them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    """A cell of an exported CSV that no spreadsheet runs as a formula: one starting like a
    formula gets a leading apostrophe, which spreadsheets show as text. The one guard of every
    CSV the portal hands out (desk exports, the ERO queue export)."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer yields it."""

    def write(self, value: str) -> str:
        return value


def streamed_csv_response(rows: Iterable[Sequence], *, filename: str) -> StreamingHttpResponse:
    """`rows` written as CSV while they are read (an export of thousands of reports is never
    held in memory), as a download named `filename`. Cells from people's input go through
    `csv_safe` first."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(filename, default="export.csv")
    )
    return _private(response)
