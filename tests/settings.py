"""The settings pytest runs with (`--ds=tests.settings` in pyproject.toml): the production
settings of leacorner/settings.py, with only the choices below changed for the tests.

The production module has no switch for tests; everything a test cannot have is overridden
here, once, instead of per test:

- a secret key, a certification-code key and no SMTP relay: leacorner.settings refuses to start
  without SECRET_KEY, CERTIFICATION_CODE_KEY and EMAIL_HOST when DEBUG is off, so stand-ins
  are put in the environment while it is imported (only if the variables are not set) and
  taken out again, and the values are replaced below;
- mail kept in memory (`django.core.mail.outbox`); the tests that need a real SMTP exchange
  point the SMTP backend at their own listener (`smtp_server` in tests/conftest.py);
- tasks run at once, after commit, instead of waiting for `manage.py db_worker` (the tests of
  the queue itself switch to `DATABASE_TASKS`);
- a fast password hasher (the production hasher costs most of a test's time);
- plain HTTP on the local host: no HTTPS redirect, HSTS or secure-only cookies, which the test
  client and the live server of the browser tests do not speak, and links built with http://;
- static files served from static/ by WhiteNoise's finders, without `collectstatic` and its
  manifest.

What production does is tested against leacorner.settings itself, in a fresh process with
production variables (`manage.py check --deploy` in tests/test_site.py).
"""

import os

from django.conf import global_settings

_STAND_INS = {
    "SECRET_KEY": "tests-only-secret-key-stand-in-never-used-outside-the-suite-4d8e1f",
    "EMAIL_HOST": "smtp.stand-in.invalid",
    "CERTIFICATION_CODE_KEY": "tests-only-certification-code-key-stand-in-0123456789",
}
_added = [name for name in _STAND_INS if not os.environ.get(name, "").strip()]
os.environ.update({name: _STAND_INS[name] for name in _added})
try:
    from leacorner.settings import *  # noqa: F403
finally:
    for name in _added:
        del os.environ[name]
del _STAND_INS, _added

SECRET_KEY = "tests-only-secret-key-never-used-outside-the-suite-0123456789abcdef"  # noqa: S105
CERTIFICATION_CODE_KEY = "tests-only-certification-code-key-never-used-outside-the-suite-42"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_HOST = ""
EMAIL_PORT = global_settings.EMAIL_PORT
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_TIMEOUT = global_settings.EMAIL_TIMEOUT

ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
SECURE_SSL_REDIRECT = global_settings.SECURE_SSL_REDIRECT
SECURE_PROXY_SSL_HEADER = global_settings.SECURE_PROXY_SSL_HEADER
SECURE_HSTS_SECONDS = global_settings.SECURE_HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = global_settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
SECURE_HSTS_PRELOAD = global_settings.SECURE_HSTS_PRELOAD
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_REDIRECT_EXEMPT = global_settings.SECURE_REDIRECT_EXEMPT

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = True
