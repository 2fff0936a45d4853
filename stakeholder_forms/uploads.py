"""Where the PDFs clerks upload are stored, and the name each is shown and downloaded under.

A stored file gets a random name in a folder per kind and month: nothing the clerk typed,
including the file's own name, ever becomes part of a path. The clerk's file name is kept in a
field beside the file, cleaned for showing and for the download's Content-Disposition.
"""

import uuid

from django.utils import timezone

from leacorner.downloads import safe_filename


def _upload_path(folder: str) -> str:
    return f"stakeholder/{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def request_document_path(instance, filename: str) -> str:
    return _upload_path("requests")


def event_document_path(instance, filename: str) -> str:
    return _upload_path("answers")


def draft_document_path(instance, filename: str) -> str:
    return _upload_path("drafts")


def document_file_name(name: str) -> str:
    """The base name of an uploaded file, safe to show and to offer as a download name."""
    return safe_filename(name, default="document.pdf")
