"""Settings for LEA Corner, read only from environment variables.

Every variable is documented in README.md ("Configuration") and read through
leacorner/environment.py, so a value the portal cannot use stops start-up with a one-line
message naming the variable. With DEBUG off, a missing SECRET_KEY or EMAIL_HOST stops start-up
the same way instead of running with a known key or losing mail. These are the production
settings; the tests run with tests/settings.py, which imports this module and overrides only
what a test cannot have (a fast password hasher, mail kept in memory, plain HTTP).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from .environment import (
    env_bool,
    env_choice,
    env_count,
    env_list,
    env_path,
    env_seconds,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # SystemExit prints exactly one line, where an exception would print a traceback.
        raise SystemExit(
            "SECRET_KEY is not set: set SECRET_KEY to a long random string "
            "(or DEBUG=1 for local use)."
        )
    SECRET_KEY = "insecure-local-development-key-never-used-in-production-0123456789"  # noqa: S105

# The key of the certifications' verification codes (stakeholder_forms/verification_codes.py):
# its own secret, not derived from SECRET_KEY, because every certification ever printed must
# still verify after SECRET_KEY is rotated. Keep it, backed up, as long as any certification is
# evidence; losing or changing it makes every issued code unknown to /verify/.
CERTIFICATION_CODE_KEY = env_str("CERTIFICATION_CODE_KEY")
if len(CERTIFICATION_CODE_KEY) < 32:
    if not DEBUG:
        raise SystemExit(
            "CERTIFICATION_CODE_KEY is not set or shorter than 32 characters: set it to a long "
            "random string, kept as long as any certification is valid (or DEBUG=1 for local use)."
        )
    CERTIFICATION_CODE_KEY = "insecure-local-development-certification-code-key-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Proxies in front of gunicorn that each append to X-Forwarded-For (0: clients connect
# directly). Every client address the portal records or limits comes from
# leacorner.client_address, which trusts exactly this many entries of that header.
TRUSTED_PROXY_COUNT = env_count("TRUSTED_PROXY_COUNT")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Its ready() teaches index expressions about operator classes (the trigram indexes).
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "crispy_forms",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    # The counters of every number the portal hands out (leacorner.numbering).
    "sequences",
    "leacorner",
    "accounts",
    "programs",
    "stakeholder_forms",
    "cyber_reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached directory pages are answered here, before the rest (see programs/caching.py).
    "programs.caching.DirectoryCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "leacorner.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whatever a signed-in user is shown is `private, no-store` (see its docstring).
    "leacorner.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "accounts.middleware.ClerkApprovalMiddleware",
    "accounts.middleware.AccessDeclarationMiddleware",
    # Axes must be last: it turns a lockout raised during authentication into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "leacorner.urls"
WSGI_APPLICATION = "leacorner.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "leacorner.context_processors.site",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_url(
            "DATABASE_URL",
            f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            # The two databases the portal supports (a local socket or file needs no host).
            schemes=("postgres", "postgresql", "pgsql", "sqlite"),
            host=False,
        ),
        conn_max_age=env_count("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ---------------------------------------------------------------------------------
# Two caches, so that what anyone can fill cannot push out what the portal's security counts:
# - "default": rate-limit counters (leacorner.rate_limits, allauth's), TOTP codes already used,
#   small and bounded by the number of clients; Redis (REDIS_URL) must never evict them
#   (`maxmemory-policy noeviction`, docs/deployment.md);
# - "directory": the directory's page cache (programs/caching.py), which any visitor can grow
#   with new searches; its own Redis with LRU eviction (DIRECTORY_CACHE_URL), or else a
#   bounded local-memory cache in each process, never the counters' Redis.
REDIS_URL = env_url("REDIS_URL", "", schemes=("redis", "rediss", "unix"), host=False)
DIRECTORY_CACHE_URL = env_url(
    "DIRECTORY_CACHE_URL", "", schemes=("redis", "rediss", "unix"), host=False
)
# Prefix of every key in either Redis, so that two portals (or two benchmark runs) can share
# one Redis without reading each other's pages or counters.
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "leacorner")
if REDIS_URL:
    _counters = {
        "BACKEND": "leacorner.redis_cache.KeptClientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
    }
else:
    _counters = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "leacorner",
    }
_pages_front = {}
if DIRECTORY_CACHE_URL:
    _pages = {
        "BACKEND": "leacorner.redis_cache.KeptClientRedisCache",
        "LOCATION": DIRECTORY_CACHE_URL,
        "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-pages",
    }
    # Each process keeps its most recent pages (compressed, 3-12 KB each) in front of Redis:
    # the keys carry the directory revision, so a copy is never stale (programs/caching.py).
    _pages_front = {
        "directory-front": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "leacorner-directory-front",
            "OPTIONS": {
                "MAX_ENTRIES": env_count("DIRECTORY_CACHE_MAX_ENTRIES", 500, minimum=1),
                "CULL_FREQUENCY": 3,
            },
        }
    }
else:
    _pages = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "leacorner-directory-pages",
        # At most this many pages (12-49 KB each) per process; the oldest third goes first.
        "OPTIONS": {
            "MAX_ENTRIES": env_count("DIRECTORY_CACHE_MAX_ENTRIES", 500, minimum=1),
            "CULL_FREQUENCY": 3,
        },
    }
CACHES = {"default": _counters, "directory": _pages, **_pages_front}
del _counters, _pages, _pages_front

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    # One backend that checks passwords, so a failed sign-in costs one hash, not two. allauth's
    # is Django's ModelBackend (permissions, inactive users) that also finds accounts by e-mail.
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.NoticeLoginForm",
    "signup": "accounts.forms.ClerkSignupForm",
    "reset_password": "accounts.forms.LimitedResetPasswordForm",
    "add_email": "accounts.forms.LimitedAddEmailForm",
}
# Account e-mails a client may ask for (sign-up, password reset, a new address) per window,
# and that one recipient may be sent whoever asks (accounts.forms, accounts.adapter).
ACCOUNT_EMAIL_LIMIT = env_count("ACCOUNT_EMAIL_LIMIT", 10, minimum=1)
ACCOUNT_EMAIL_RECIPIENT_LIMIT = env_count("ACCOUNT_EMAIL_RECIPIENT_LIMIT", 5, minimum=1)
ACCOUNT_EMAIL_WINDOW = timedelta(hours=1)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[LEA Corner] "
# Notices to the ERO supervisors that a clerk account waits for approval, all sign-ups
# together, per window (accounts.notifications): a run of sign-ups is no mail flood.
CLERK_WAITING_NOTICE_LIMIT = env_count("CLERK_WAITING_NOTICE_LIMIT", 20, minimum=1)
CLERK_WAITING_NOTICE_WINDOW = timedelta(hours=1)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth keeps its per-address limit on failed sign-ins; the per-account one is the portal's
# (SIGN_IN_ACCOUNT_LIMIT), which a password reset ends and known addresses pass.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "LEA Corner"
# One 30-second step either side (RFC 6238 section 5.2): a code typed as the phone's step turns,
# or on a phone whose clock is a few seconds off, still passes; allauth refuses a code used once.
MFA_TOTP_TOLERANCE = 1
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
# Staff set up two-factor only with a link an administrator sends (accounts.enrolment), which
# works once, for this many hours.
STAFF_MFA_LINK_HOURS = env_count("STAFF_MFA_LINK_HOURS", 72, minimum=1)

# Sessions: 30 minutes idle, 12 hours in all (accounts.middleware.SessionLifetimeMiddleware).
# The idle limit is renewed at most once a minute, not written on every page: a session ends
# 29-30 minutes after its last use, never later.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "leacorner.views.csrf_failure"
# Messages ("Successfully signed in as …") live in the server-side session: the default cookie
# storage is only signed, so anyone who saw the cookie could read the address in base64.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Brute force (CJIS Security Policy AC-7), accounts/lockout.py: five failures, each within
# fifteen minutes of the one before, lock the account from that address (an IPv6 client's /64)
# for thirty minutes, clerk or staff alike; guessing spread over many addresses is slowed per
# account; a password reset releases both.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = "accounts.lockout.cool_off_for_request"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_from_request"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The address axes locks is the node every rate limit counts (IPv6 by /64).
AXES_CLIENT_IP_CALLABLE = "leacorner.client_address.client_network"
ACCOUNT_FAILURE_WINDOW = timedelta(minutes=15)
ACCOUNT_LOCKOUT = timedelta(minutes=30)
# The per-account slow-down: at most this many failures per account from all addresses in the
# window; then sign-in is paused until the window ends, except from addresses the account
# signed in from within SIGN_IN_KNOWN_ADDRESS_AGE.
SIGN_IN_ACCOUNT_LIMIT = env_count("SIGN_IN_ACCOUNT_LIMIT", 10, minimum=1)
SIGN_IN_ACCOUNT_WINDOW = timedelta(
    minutes=env_count("SIGN_IN_ACCOUNT_WINDOW_MINUTES", 15, minimum=1)
)
SIGN_IN_KNOWN_ADDRESS_AGE = timedelta(days=90)
# E-mails to the holder (and administrators, for staff) about a lock or a pause, per account.
SIGN_IN_ALERT_LIMIT = 1
SIGN_IN_ALERT_WINDOW = timedelta(hours=1)
ACCOUNT_INACTIVITY_LIMIT = timedelta(days=90)
# CJIS AU-11: audit records are kept at least a year (docs/operations.md, "Retention").
SECURITY_EVENT_RETENTION = timedelta(
    days=env_count("SECURITY_EVENT_RETENTION_DAYS", 400, minimum=365)
)

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates read one way everywhere ("December 2, 2026"): leacorner/formats/en/formats.py.
FORMAT_MODULE_PATH = ["leacorner.formats"]

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads live outside the web root and are only ever served by views that check access.
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "var" / "uploads")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
# In development, serve straight from static/ without running collectstatic.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Stored uploads (clerks' PDFs, cyber attachments) are readable by the service's user only,
# whatever its umask: files 0600, the folders the storages create 0700. Folders that exist
# already (MEDIA_ROOT, CYBER_REPORTS_ATTACHMENT_ROOT) keep theirs: docs/deployment.md.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- E-mail -------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "LEA Corner <no-reply@leacorner.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST").strip()
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_count("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_count("EMAIL_TIMEOUT", 20, minimum=1)
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    raise SystemExit(
        "EMAIL_HOST is not set: set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, "
        "EMAIL_HOST_PASSWORD) to the SMTP relay."
    )

# --- Background tasks ---------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email"],
    }
}
TASK_MAX_ATTEMPTS = env_count("TASK_MAX_ATTEMPTS", 8, minimum=1)
# A delivery task still running after this long lost its worker: `manage.py retry_email --lost`
# queues its message again. Longer than any send can take (EMAIL_TIMEOUT per SMTP exchange).
EMAIL_DELIVERY_LEASE_SECONDS = env_count("EMAIL_DELIVERY_LEASE_SECONDS", 600, minimum=1)

# --- Forms --------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ("uswds",)
CRISPY_TEMPLATE_PACK = "uswds"
CRISPY_FAIL_SILENTLY = not DEBUG

# --- Security headers ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    if TRUSTED_PROXY_COUNT:
        # Only a proxy of the deployment may say the client used HTTPS: without one, a client
        # talking to gunicorn directly would write the header itself.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Rate limits -----------------------------------------------------------------------------
# Every limit is a leacorner.rate_limits.RateLimit counted by django-ratelimit in the default
# cache, per client address (leacorner.client_address), IPv6 addresses grouped by /64.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "leacorner.rate_limits.limited_address"
RATELIMIT_IPV6_MASK = 64

# --- Cyber reports ----------------------------------------------------------------------------
# Attachments of cyber-incident reports: outside the web root and outside MEDIA_ROOT, never
# given a URL; only the desk views of the agencies a report went to read them.
CYBER_REPORTS_ATTACHMENT_ROOT = env_path(
    "CYBER_REPORTS_ATTACHMENT_ROOT", BASE_DIR / "var" / "cyber-attachments"
)
CYBER_REPORTS_MAX_FILES = 5
CYBER_REPORTS_MAX_FILE_BYTES = 10 * 1024 * 1024
CYBER_REPORTS_MAX_TOTAL_BYTES = 25 * 1024 * 1024
# Anonymous reports accepted from one network address per window (signed-in users: no limit).
CYBER_REPORTS_ANONYMOUS_LIMIT = env_count("CYBER_REPORTS_ANONYMOUS_LIMIT", 5)
CYBER_REPORTS_ANONYMOUS_WINDOW = timedelta(
    minutes=env_count("CYBER_REPORTS_ANONYMOUS_WINDOW_MINUTES", 60, minimum=1)
)
# Receipts to one reporter's address per window, signed in or not (leacorner.rate_limits).
CYBER_REPORTS_RECEIPT_LIMIT = env_count("CYBER_REPORTS_RECEIPT_LIMIT", 5)
CYBER_REPORTS_RECEIPT_WINDOW = timedelta(
    minutes=env_count("CYBER_REPORTS_RECEIPT_WINDOW_MINUTES", 60, minimum=1)
)
# The private update link: updates and files per report per window, and in all.
CYBER_REPORTS_UPDATE_LIMIT = env_count("CYBER_REPORTS_UPDATE_LIMIT", 10, minimum=1)
CYBER_REPORTS_UPDATE_FILE_LIMIT = env_count("CYBER_REPORTS_UPDATE_FILE_LIMIT", 10)
CYBER_REPORTS_UPDATE_WINDOW = timedelta(
    minutes=env_count("CYBER_REPORTS_UPDATE_WINDOW_MINUTES", 60, minimum=1)
)
CYBER_REPORTS_MAX_UPDATES_PER_REPORT = env_count(
    "CYBER_REPORTS_MAX_UPDATES_PER_REPORT", 200, minimum=1
)
CYBER_REPORTS_MAX_FILES_PER_REPORT = env_count("CYBER_REPORTS_MAX_FILES_PER_REPORT", 100)
# A report no agency acknowledged within this many hours is flagged on the desks' lists.
CYBER_REPORTS_ACKNOWLEDGE_WITHIN_HOURS = env_count(
    "CYBER_REPORTS_ACKNOWLEDGE_WITHIN_HOURS", 24, minimum=1
)

# --- Staff dashboards ---------------------------------------------------------------------------
# The dashboards show figures the task worker recomputes (leacorner/snapshots.py): figures older
# than REFRESH are shown while the worker makes new ones; older than STALE (the worker is down)
# they are recomputed in the request.
DASHBOARD_REFRESH_SECONDS = env_count("DASHBOARD_REFRESH_SECONDS", 60, minimum=1)
DASHBOARD_STALE_SECONDS = env_count("DASHBOARD_STALE_SECONDS", 600, minimum=1)

# --- Stakeholder requests ---------------------------------------------------------------------
# A request open longer than this many working days is highlighted in the reviewers' queue.
STAKEHOLDER_AGE_WARNING_WORKING_DAYS = env_count("STAKEHOLDER_AGE_WARNING_DAYS", 10)
STAKEHOLDER_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# The daily review digest (`manage.py send_review_digest`) tells supervisors of open requests
# nobody has taken for more than this many working days.
STAKEHOLDER_UNASSIGNED_ALERT_WORKING_DAYS = env_count("STAKEHOLDER_UNASSIGNED_ALERT_DAYS", 2)
#: The largest file /verify/ compares with an issued certification PDF (those are ~3 KB).
CERTIFICATION_COMPARE_MAX_BYTES = 2 * 1024 * 1024
# Where a paper request goes (the printable form and the fact sheet say so).
STAKEHOLDER_PAPER_EMAIL = env_str("STAKEHOLDER_PAPER_EMAIL", "ERO.INFO@ice.dhs.gov")
STAKEHOLDER_INFORMATION_LINE = env_str("STAKEHOLDER_INFORMATION_LINE", "1-888-351-4024")
# --- Retention (`manage.py apply_retention`; docs/operations.md, "Retention", says why) --------
# Every period counts in days from the record's last change that matters (named for each).
# Drafts nobody has touched for this long are deleted, with their files.
STAKEHOLDER_DRAFT_RETENTION_DAYS = env_count("STAKEHOLDER_DRAFT_RETENTION_DAYS", 90)
# The clerks' documents of a decided or withdrawn request: deleted this long after it closed.
STAKEHOLDER_DOCUMENT_RETENTION_DAYS = env_count(
    "STAKEHOLDER_DOCUMENT_RETENTION_DAYS", 365, minimum=30
)
# Certifications: deleted this long after issue (they no longer verify at /verify/ after).
CERTIFICATION_RETENTION_DAYS = env_count("CERTIFICATION_RETENTION_DAYS", 2190, minimum=365)
# A closed request's personal data: removed this long after it closed (and after its
# certification is gone); its number, dates, kinds and decision stay for the statistics.
STAKEHOLDER_REQUEST_RETENTION_DAYS = env_count(
    "STAKEHOLDER_REQUEST_RETENTION_DAYS", 2190, minimum=365
)
# Staff openings of requests (an audit record, CJIS AU-11: at least a year).
RECORD_VIEW_RETENTION_DAYS = env_count("RECORD_VIEW_RETENTION_DAYS", 400, minimum=365)
# Cyber reports no desk is working any more: files deleted this long after the last activity,
# the whole report this long after it.
CYBER_ATTACHMENT_RETENTION_DAYS = env_count("CYBER_ATTACHMENT_RETENTION_DAYS", 365, minimum=30)
CYBER_REPORT_RETENTION_DAYS = env_count("CYBER_REPORT_RETENTION_DAYS", 1825, minimum=365)
# Rows read, locked and disposed of per transaction.
RETENTION_BATCH_SIZE = env_count("RETENTION_BATCH_SIZE", 500, minimum=1, maximum=10000)
# The public verification page: at most this many checks per address in the window.
STAKEHOLDER_VERIFY_LIMIT = env_count("STAKEHOLDER_VERIFY_LIMIT", 10)
STAKEHOLDER_VERIFY_WINDOW = timedelta(
    seconds=env_count("STAKEHOLDER_VERIFY_WINDOW_SECONDS", 600, minimum=1)
)

# --- Directory (programs) ---------------------------------------------------------------------
# Directory pages are cached under the content revision, so an edit shows at once; this is only
# how long an unchanged page stays in the cache.
DIRECTORY_CACHE_SECONDS = env_count("DIRECTORY_CACHE_SECONDS", 3600)
# Each web process reads the content revision at most this often (0: on every request), so an
# edit shows at once in the process that made it and within this many seconds everywhere else.
DIRECTORY_REVISION_SECONDS = env_seconds("DIRECTORY_REVISION_SECONDS", 1.0)

# --- Portal ---------------------------------------------------------------------------------
SITE_NAME = "LEA Corner"
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes=("https", "http")).rstrip("/")
EMAIL_RETRY_BASE_SECONDS = env_count("EMAIL_RETRY_BASE_SECONDS", 30)
