import pytest


@pytest.fixture(autouse=True)
def _small_upload_limits(settings, tmp_path):
    """Limits of a few KiB, so "too large" is tried without posting megabytes each time."""
    settings.STAKEHOLDER_DOCUMENT_MAX_BYTES = 8 * 1024
    settings.CYBER_REPORTS_MAX_FILE_BYTES = 8 * 1024
    settings.CYBER_REPORTS_MAX_TOTAL_BYTES = 20 * 1024
    settings.MEDIA_ROOT = tmp_path / "uploads"
