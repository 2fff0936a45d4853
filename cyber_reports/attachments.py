"""Checking attachments by their content, never by the name or type the browser claims.

Accepted: plain text and logs (txt, log), CSV, JSON, XML, packet captures (pcap, pcapng), PDF,
PNG and JPEG. The file name's extension must agree with what the content is, so a PDF renamed
to .png, or an executable renamed to .txt, is refused. A PDF must also be one a desk can open
safely: no JavaScript, launch actions or embedded files (`leacorner.pdf_safety`, the rule every
PDF upload of the portal follows).
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from leacorner.pdf_safety import UnsafePDF, check_pdf

from .models import Attachment

Kind = Attachment.Kind

#: Extension → the kind its content must be.
EXTENSIONS: dict[str, str] = {
    "txt": Kind.TEXT,
    "log": Kind.LOG,
    "csv": Kind.CSV,
    "json": Kind.JSON,
    "xml": Kind.XML,
    "pcap": Kind.PCAP,
    "cap": Kind.PCAP,
    "pcapng": Kind.PCAPNG,
    "pdf": Kind.PDF,
    "png": Kind.PNG,
    "jpg": Kind.JPEG,
    "jpeg": Kind.JPEG,
}
ACCEPT = ",".join(f".{ext}" for ext in EXTENSIONS)

_PCAP_MAGIC = (
    b"\xd4\xc3\xb2\xa1",  # microsecond timestamps, little-endian
    b"\xa1\xb2\xc3\xd4",  # microsecond timestamps, big-endian
    b"\x4d\x3c\xb2\xa1",  # nanosecond timestamps, little-endian
    b"\xa1\xb2\x3c\x4d",  # nanosecond timestamps, big-endian
)
_PCAPNG_MAGIC = b"\x0a\x0d\x0d\x0a"
_TEXT_KINDS = {Kind.TEXT, Kind.LOG, Kind.CSV, Kind.JSON, Kind.XML}
# Reading a large log whole to check it is text would be wasteful: the first and last
# megabyte tell a text file from a binary one well enough.
_TEXT_SAMPLE = 1024 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    name: str
    kind: str
    size: int
    sha256: str


def _read_all_hashed(upload: UploadedFile) -> tuple[bytes, bytes, str]:
    """First bytes, last bytes, and the SHA-256 of the whole file, in one pass."""
    digest = hashlib.sha256()
    head = b""
    tail = b""
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
        if len(head) < _TEXT_SAMPLE:
            head += chunk[: _TEXT_SAMPLE - len(head)]
        tail = (tail + chunk)[-_TEXT_SAMPLE:]
    upload.seek(0)
    return head, tail, digest.hexdigest()


def _looks_like_text(head: bytes, tail: bytes) -> bool:
    sample = head + tail
    if b"\x00" in sample:
        return False
    # Cut at a character boundary: the samples may split a multi-byte character.
    for part in (head[:-4] if len(head) >= _TEXT_SAMPLE else head, tail[4:]):
        try:
            part.decode("utf-8")
        except UnicodeDecodeError:
            try:
                part.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def sniff(head: bytes, tail: bytes, claimed: str, upload: UploadedFile) -> str | None:
    """The kind the content really is (given the kind the name claims), or None."""
    if head.startswith(b"%PDF-"):
        return Kind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if head[:4] in _PCAP_MAGIC:
        return Kind.PCAP
    if head.startswith(_PCAPNG_MAGIC):
        return Kind.PCAPNG
    if not _looks_like_text(head, tail):
        return None
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if claimed == Kind.JSON:
        if upload.size > settings.CYBER_REPORTS_MAX_FILE_BYTES:
            return None
        try:
            upload.seek(0)
            json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return None
        finally:
            upload.seek(0)
        return Kind.JSON
    if claimed == Kind.XML:
        return Kind.XML if text.startswith(b"<") else None
    if claimed in _TEXT_KINDS:
        return claimed
    return Kind.TEXT


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Refuse a file that is too big, empty, or whose content is not an accepted kind."""
    name = PurePath(upload.name or "file").name[:200]
    limit = settings.CYBER_REPORTS_MAX_FILE_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; each file may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_big",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    extension = PurePath(name).suffix.lower().lstrip(".")
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a kind of file we accept. Send logs or text (.txt, .log, "
                ".csv, .json, .xml), packet captures (.pcap, .pcapng), PDF, PNG or JPEG."
            )
            % {"name": name},
            code="file_type",
        )
    head, tail, sha256 = _read_all_hashed(upload)
    actual = sniff(head, tail, claimed, upload)
    if actual != claimed:
        raise ValidationError(
            _(
                "The content of “%(name)s” is not what its name says (.%(extension)s). "
                "Send the original file, or save it in one of the accepted formats."
            )
            % {"name": name, "extension": extension},
            code="file_content",
        )
    if actual == Kind.PDF:
        try:
            check_pdf(upload)
        except UnsafePDF as refusal:
            raise ValidationError(
                _("“%(name)s”: %(problem)s") % {"name": name, "problem": refusal.message},
                code="unsafe_pdf",
            ) from refusal
    return CheckedUpload(file=upload, name=name, kind=actual, size=upload.size, sha256=sha256)


def check_uploads(uploads: list[UploadedFile]) -> list[CheckedUpload]:
    """Check every file and the limits on their number and total size; all errors at once."""
    max_files = settings.CYBER_REPORTS_MAX_FILES
    max_total = settings.CYBER_REPORTS_MAX_TOTAL_BYTES
    errors: list[ValidationError] = []
    if len(uploads) > max_files:
        errors.append(
            ValidationError(
                _("You chose %(count)d files; send at most %(max)d at a time.")
                % {"count": len(uploads), "max": max_files},
                code="too_many_files",
            )
        )
    total = sum(upload.size for upload in uploads)
    if total > max_total:
        errors.append(
            ValidationError(
                _("The files add up to %(size)s; together they may be at most %(limit)s.")
                % {"size": filesizeformat(total), "limit": filesizeformat(max_total)},
                code="total_too_big",
            )
        )
    checked = []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked
