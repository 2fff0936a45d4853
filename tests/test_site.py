"""Site-wide behaviour: health check, security headers, error pages, start-up configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory

from leacorner.views import server_error

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "SECRET_KEY": "x7#kq2-production-like-secret-for-the-deploy-check-0b9c8d7e6f5a4",
    "CERTIFICATION_CODE_KEY": "production-like-certification-code-key-for-the-deploy-check",
    "ALLOWED_HOSTS": "portal.example.gov",
    "EMAIL_HOST": "smtp.example.gov",
    "DATABASE_URL": "sqlite:////tmp/leacorner-deploy-check.sqlite3",
}


def manage(*args, env):
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def _database_gone(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_healthz_answers_503_when_the_database_does_not(client):
    if connection.vendor == "postgresql":
        # A real outage: point the connection at a port where nothing listens.
        saved_port = connection.settings_dict["PORT"]
        connection.close()
        connection.settings_dict["PORT"] = "1"
        try:
            response = client.get("/healthz")
        finally:
            connection.close()
            connection.settings_dict["PORT"] = saved_port
    else:
        # SQLite has no server to stop; fail its queries instead.
        with connection.execute_wrapper(_database_gone):
            response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_pages_carry_the_same_policy(role_client):
    client, _ = role_client(None)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_unknown_page_is_the_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "usa-banner" in body and "Page not found" in body


@pytest.mark.django_db
def test_server_error_page_needs_no_database():
    # The 500 page must render even when the database is what failed.
    with connection.execute_wrapper(_refuse_queries):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def _refuse_queries(execute, sql, params, many, context):
    raise AssertionError(f"the 500 page queried the database: {sql}")


def test_missing_secret_key_stops_start_up_with_one_line():
    env = {**PRODUCTION_ENV}
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "SECRET_KEY is not set: set SECRET_KEY to a long random string (or DEBUG=1 for local use)."
    ]


def test_deploy_check_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_production_cookies_are_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_AGE)"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split()[-6:] == ["True", "True", "True", "Lax", "31536000", "1800"]


@pytest.mark.django_db
def test_a_database_outage_gives_the_styled_503_page(clerk_client):
    # The clerk's session must be read from the database: the outage hits at once.
    clerk_client.raise_request_exception = False
    with connection.execute_wrapper(_database_gone):
        response = clerk_client.get("/accounts/email/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The portal is temporarily unavailable" in response.content.decode()


def _production_setting(name: str, **extra: str) -> str:
    code = f"from django.conf import settings as s; print(repr(s.{name}))"
    result = manage("shell", "-c", code, env={**PRODUCTION_ENV, **extra})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_forwarded_proto_is_believed_only_behind_a_configured_proxy():
    # Without a proxy, a client talking to gunicorn directly could send
    # "X-Forwarded-Proto: https" and be treated as on HTTPS (secure cookies, no redirect).
    assert _production_setting("SECURE_PROXY_SSL_HEADER") == "None"
    assert _production_setting("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXY_COUNT="1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_missing_certification_code_key_stops_start_up_with_one_line():
    env = {**PRODUCTION_ENV}
    del env["CERTIFICATION_CODE_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CERTIFICATION_CODE_KEY is not set or shorter than 32 characters: set it to a long "
        "random string, kept as long as any certification is valid (or DEBUG=1 for local use)."
    ]


def test_production_hashes_passwords_with_pbkdf2_sha256():
    # CJIS SC-13: a FIPS-approved algorithm (tests/settings.py uses a fast one for speed).
    assert _production_setting("PASSWORD_HASHERS[0]") == (
        "'django.contrib.auth.hashers.PBKDF2PasswordHasher'"
    )
