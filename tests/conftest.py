import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from accounts.roles import STAFF_ROLES, Role
from testkit.mfa import signed_in_client

from .factories import UserFactory

# Fuzz tests (tests/fuzz/), inputs per property test by profile: "ci" (25), which `make test`
# and so CI use; "default" (100), a plain `pytest`; "deep" (400), `make fuzz`. The figures of
# each are in docs/reliability.md. Examples reuse the test's database and clients, hence the
# suppressed fixture health check; each example checks what it saved itself.
_FUZZ = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    "print_blob": True,
}
hypothesis_settings.register_profile("ci", max_examples=25, **_FUZZ)
hypothesis_settings.register_profile("default", max_examples=100, **_FUZZ)
hypothesis_settings.register_profile("deep", max_examples=400, **_FUZZ)
hypothesis_settings.load_profile("default")

# The production backend: tasks are rows that `manage.py db_worker` runs (tests/settings.py
# runs them at once instead).
DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file rather than memory, so that a process the test
    starts (the task worker of tests/test_fault_drills.py) opens the same database. Under
    pytest-xdist each worker has a temporary folder of its own, so a file of its own, as
    pytest-django's suffix (`test_<name>_gw0`) gives each its own PostgreSQL database."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True)
def attachment_root(tmp_path, monkeypatch, settings):
    """Cyber-report attachments of each test go to a fresh folder, never the project's var/."""
    from cyber_reports.models import Attachment, PrivateFileStorage

    root = tmp_path / "cyber-attachments"
    settings.CYBER_REPORTS_ATTACHMENT_ROOT = root
    monkeypatch.setattr(
        Attachment._meta.get_field("file"), "storage", PrivateFileStorage(location=root)
    )
    return root


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    from programs.models import DirectoryRevision

    for cache in caches.all():  # the counters' and the directory pages'
        cache.clear()
    DirectoryRevision.forget()  # each test's database starts from the seeded revision
    yield
    for cache in caches.all():
        cache.clear()
    DirectoryRevision.forget()


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def clerk(db):
    return UserFactory(role=Role.CLERK)


@pytest.fixture
def clerk_client(clerk):
    return signed_in_client(clerk)


@pytest.fixture
def reviewer(db):
    return UserFactory(role=Role.ERO_REVIEWER)


@pytest.fixture
def reviewer_client(reviewer):
    return signed_in_client(reviewer)


@pytest.fixture
def role_client(db):
    """`role_client(Role.ERO_REVIEWER)` → (client, user) signed in with MFA passed."""

    def make(role: Role | None, **kwargs):
        if role is None:
            user = UserFactory(is_staff=True, is_superuser=True)
        else:
            user = UserFactory(role=role)
        assert user.is_staff == (role is None or role in STAFF_ROLES)
        return signed_in_client(user, **kwargs), user

    return make


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, with the portal's SMTP backend pointed at it. The test
    may `smtp_server.stop()` it to simulate an outage and `start()` it again."""
    from testkit.smtp import SMTPListener

    listener = SMTPListener()
    listener.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = listener.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield listener
    listener.stop()
