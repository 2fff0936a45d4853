import pytest

from testkit.pdfs import PLAIN_PDF as MINIMAL_PDF

__all__ = ["MINIMAL_PDF"]


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
