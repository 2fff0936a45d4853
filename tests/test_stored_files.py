"""Stored uploads are readable by the service's own user only: files 0600 in folders 0700, for
the clerks' PDFs (the default storage, MEDIA_ROOT) and the cyber attachments (their private
storage). With the defaults (0644 in 0755) any other account on the machine could read them."""

import stat
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import TemporaryUploadedFile

from cyber_reports.models import Attachment
from stakeholder_forms.models import StakeholderRequest
from stakeholder_forms.uploads import request_document_path
from testkit.pdfs import PLAIN_PDF


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _on_disk(content: bytes) -> TemporaryUploadedFile:
    """An upload as Django keeps one larger than FILE_UPLOAD_MAX_MEMORY_SIZE: a temporary file
    that the storage moves into place rather than writes."""
    upload = TemporaryUploadedFile("big.pdf", "application/pdf", len(content), None)
    upload.write(content)
    upload.seek(0)
    return upload


def _assert_private(root: Path, stored: Path) -> None:
    assert _mode(stored) == 0o600, oct(_mode(stored))
    folder = stored.parent
    while folder != root:  # every folder the storage made on the way
        assert _mode(folder) == 0o700, f"{folder}: {oct(_mode(folder))}"
        folder = folder.parent


@pytest.mark.parametrize(
    "upload",
    [
        # Small uploads are written from memory, large ones moved from a temporary file;
        # both paths must end private.
        lambda: ContentFile(PLAIN_PDF),
        lambda: _on_disk(PLAIN_PDF),
    ],
    ids=["in-memory", "temporary-file"],
)
def test_clerks_documents_are_private_to_the_service(settings, tmp_path, upload):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    storage = StakeholderRequest._meta.get_field("document").storage
    content = upload()
    name = storage.save(request_document_path(None, "x.pdf"), content)
    content.close()  # as the request's end does (the moved temporary file is gone)
    _assert_private(Path(settings.MEDIA_ROOT), Path(storage.path(name)))


def test_cyber_attachments_are_private_to_the_service(attachment_root):
    storage = Attachment._meta.get_field("file").storage
    name = storage.save("2026/12/" + "a" * 32, ContentFile(b"log line\n"))
    _assert_private(Path(attachment_root), Path(storage.path(name)))
