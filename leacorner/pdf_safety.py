"""What a safe PDF is: the one rule for every PDF the portal accepts (a clerk's supporting
documents, a cyber report's attachments), read from the file's content, never its name.

A PDF is accepted when

- it starts with `%PDF-` and ends with `%%EOF` (so an upload cut short is refused), and pypdf
  can read its structure and finds at least one page: an HTML page that only starts and ends
  like a PDF has no cross-reference table, no catalog and no page, and is refused;
- it is not locked with a password (an encrypted PDF that opens without one, as many do to
  stop printing or copying, is read like any other);
- nothing a PDF reader reaches from the document runs or carries something that could:
  JavaScript anywhere (an action `/S /JavaScript`, any `/JS` entry, the document's
  `/JavaScript` name tree, which covers `/OpenAction` and the `/AA` actions of pages, links
  and form fields), a `/Launch` action (starts a program), embedded files (`/EmbeddedFiles`,
  file specifications with `/EF`, file-attachment annotations, `/GoToE`), rich media, XFA
  forms (which carry scripts) and `/ImportData`.

The check walks the objects reachable from the file's trailer as a reader does (pypdf decodes
names, so `/J#61vaScript` is seen as `/JavaScript`), and stops at `MAX_OBJECTS`: a file with
more is refused as too complex, so checking a 10 MB upload takes at most a few seconds. PDF
readers repair damaged files each in their own way, so a dictionary pypdf drops as malformed
might be one another reader runs; the file's bytes are therefore also searched for the names
of active content long enough never to occur by chance (`/JavaScript`, `/Launch`,
`/EmbeddedFile`, `/RichMedia`, `/ImportData`, `#` escapes decoded). Short ones (`/JS`,
`/EF`, `/XFA`) turn up in the binary data of any large scan, so only the walk looks for those.
Plain links (`/URI`) and submit buttons of fillable forms are allowed; they only act on a click.

Who calls it: `stakeholder_forms.forms.validate_pdf` and `cyber_reports.attachments`, each
putting the refusal's message into its own words about the file. A person whose PDF is refused
is told to print it to a new PDF, which keeps what the pages show and drops everything active.
"""

import logging
import re
from enum import StrEnum
from typing import IO

from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

#: The most objects a PDF may have for the portal to check it (a scanned 200-page document
#: has a few thousand).
MAX_OBJECTS = 50_000
PDF_HEADER = b"%PDF-"
EOF_MARKER = b"%%EOF"
# The end-of-file marker may be followed by a few bytes (line ends, padding from old tools).
_TAIL_BYTES = 2048

# A name token of the raw file: "/" and the characters a name may hold, "#xx" escapes included.
_NAME_TOKEN = re.compile(rb"/((?:[^\x00-\x20/<>\[\](){}%#\x7f-\xff]|#[0-9A-Fa-f]{2})+)")
_RAW_NAMES = {
    b"JavaScript": "JAVASCRIPT",
    b"Launch": "LAUNCH",
    b"EmbeddedFile": "EMBEDDED_FILE",
    b"EmbeddedFiles": "EMBEDDED_FILE",
    b"RichMedia": "ACTIVE_CONTENT",
    b"RichMediaContent": "ACTIVE_CONTENT",
    b"RichMediaExecute": "ACTIVE_CONTENT",
    b"ImportData": "ACTIVE_CONTENT",
}

# pypdf logs every repair it makes to a damaged file as a warning; a refusal says enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class Problem(StrEnum):
    NOT_PDF = "not_pdf"
    NO_PAGES = "no_pages"
    ENCRYPTED = "encrypted"
    JAVASCRIPT = "javascript"
    LAUNCH = "launch"
    EMBEDDED_FILE = "embedded_file"
    ACTIVE_CONTENT = "active_content"
    TOO_COMPLEX = "too_complex"


class UnsafePDF(Exception):
    """Why a file is not accepted as a PDF: `problem` for code, `message` for the person."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem

    @property
    def message(self) -> str:
        print_again = _(
            "Print the document to a new PDF (choose “Save as PDF” or “Microsoft Print to "
            "PDF” in the print dialogue) and upload that."
        )
        runs = _("which the portal does not accept because it can run when the file is opened.")
        messages = {
            Problem.NOT_PDF: _(
                "This file is not a PDF. Save or scan the document as a PDF and upload that."
            ),
            Problem.NO_PAGES: _("This PDF has no pages. Save or scan the document again."),
            Problem.ENCRYPTED: _(
                "This PDF is locked with a password, so it cannot be checked. Save it again "
                "without the password and upload that."
            ),
            Problem.JAVASCRIPT: _("This PDF contains JavaScript, %(runs)s %(fix)s"),
            Problem.LAUNCH: _(
                "This PDF contains an action that starts a program, %(runs)s %(fix)s"
            ),
            Problem.EMBEDDED_FILE: _("This PDF has a file embedded in it, %(runs)s %(fix)s"),
            Problem.ACTIVE_CONTENT: _(
                "This PDF contains active content (rich media or a scripted form), %(runs)s %(fix)s"
            ),
            Problem.TOO_COMPLEX: _("This PDF is too complex to check. %(fix)s"),
        }
        return messages[self.problem] % {"runs": runs, "fix": print_again}

    def __str__(self) -> str:
        return self.message


def check_pdf(upload: IO[bytes]) -> None:
    """Raise `UnsafePDF` unless `upload` (a file open for reading, such as an UploadedFile) is
    a PDF by the rule above. Reads the file from its start and leaves it at its start; never
    raises anything else, whatever the bytes."""
    try:
        upload.seek(0)
        head = upload.read(len(PDF_HEADER))
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(max(size - _TAIL_BYTES, 0))
        tail = upload.read()
        if head != PDF_HEADER or EOF_MARKER not in tail:
            raise UnsafePDF(Problem.NOT_PDF)
        upload.seek(0)
        problem = _active_name_in_bytes(upload.read())
        if problem is not None:
            raise UnsafePDF(problem)
        upload.seek(0)
        _check_structure(upload)
    except UnsafePDF:
        raise
    except Exception as unreadable:
        # pypdf raises many kinds (its own errors, ValueError, KeyError, RecursionError on a
        # deeply nested file …): a file it cannot read is, for the person, not a PDF.
        raise UnsafePDF(Problem.NOT_PDF) from unreadable
    finally:
        upload.seek(0)


def _active_name_in_bytes(data: bytes) -> Problem | None:
    for match in _NAME_TOKEN.finditer(data):
        name = match.group(1)
        if b"#" in name:
            name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
        if name in _RAW_NAMES:
            return Problem[_RAW_NAMES[name]]
    return None


def _check_structure(upload: IO[bytes]) -> None:
    reader = PdfReader(upload, strict=False)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise UnsafePDF(Problem.ENCRYPTED)
    root = dict.get(reader.trailer, "/Root")
    if isinstance(root, IndirectObject):
        root = root.get_object()
    if not isinstance(root, DictionaryObject):
        raise UnsafePDF(Problem.NOT_PDF)
    problem = _first_active_content(reader.trailer)
    if problem is not None:
        raise UnsafePDF(problem)
    if len(reader.pages) == 0:
        raise UnsafePDF(Problem.NO_PAGES)


_ACTIONS = {
    "/JavaScript": Problem.JAVASCRIPT,
    "/Launch": Problem.LAUNCH,
    "/GoToE": Problem.EMBEDDED_FILE,
    "/ImportData": Problem.ACTIVE_CONTENT,
    "/RichMediaExecute": Problem.ACTIVE_CONTENT,
}
_KEYS = {
    "/JS": Problem.JAVASCRIPT,
    "/JavaScript": Problem.JAVASCRIPT,
    "/EmbeddedFiles": Problem.EMBEDDED_FILE,
    "/EF": Problem.EMBEDDED_FILE,
    "/XFA": Problem.ACTIVE_CONTENT,
    "/RichMediaContent": Problem.ACTIVE_CONTENT,
}
_TYPES = {
    "/EmbeddedFile": Problem.EMBEDDED_FILE,
    "/FileAttachment": Problem.EMBEDDED_FILE,
    "/RichMedia": Problem.ACTIVE_CONTENT,
}


def _first_active_content(trailer: DictionaryObject) -> Problem | None:
    """The first active content reachable from the trailer, or None. Iterative (a deep file
    cannot exhaust the stack) and each indirect object is read once (cycles are common)."""
    seen: set[tuple[int, int]] = set()
    pending: list[PdfObject] = [trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            reference = (item.idnum, item.generation)
            if reference in seen:
                continue
            seen.add(reference)
            if len(seen) > MAX_OBJECTS:
                return Problem.TOO_COMPLEX
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams too: their dictionary, not their data
            problem = _problem_of(item)
            if problem is not None:
                return problem
            pending.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            pending.extend(list.__iter__(item))
    return None


def _problem_of(dictionary: DictionaryObject) -> Problem | None:
    for key in dict.keys(dictionary):
        if key in _KEYS:
            return _KEYS[key]
    action = _name(dictionary, "/S")
    if action in _ACTIONS:
        return _ACTIONS[action]
    for kind in (_name(dictionary, "/Type"), _name(dictionary, "/Subtype")):
        if kind in _TYPES:
            return _TYPES[kind]
    return None


def _name(dictionary: DictionaryObject, key: str) -> str | None:
    value = dict.get(dictionary, key)
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return str(value) if isinstance(value, str) else None
