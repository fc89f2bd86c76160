"""Ineen settings: one module, configured from the environment, secure by default.

Environment variables (all optional unless INEEN_ENV=production):
- INEEN_ENV: "development" (default), "test" or "production".
- DJANGO_SECRET_KEY: required in production.
- DJANGO_DEBUG: "1" to turn DEBUG on (never in production).
- DATABASE_URL: e.g. postgres://user@127.0.0.1:5432/ineen; default: SQLite in var/ineen.sqlite3.
- DJANGO_ALLOWED_HOSTS: comma separated.
- INEEN_DEMO: "1" turns demo mode on (relaxed MFA for demo accounts only, visible banner).
  Refused together with INEEN_ENV=production.
- E-mail: EMAIL_HOST (SMTP when set or in production, default host localhost; console otherwise),
  EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL,
  INEEN_BASE_URL (for links in e-mails).
- Audit hash chain (read only by the audit_seal/audit_verify/audit_export commands, never by the web app):
  INEEN_AUDIT_KEY or INEEN_AUDIT_KEY_FILE (required for those commands in production; never stored in the
  database), INEEN_AUDIT_SEAL_HORIZON (seconds, default 60), INEEN_AUDIT_SEAL_LOOKBACK (seconds, default 3600).
- Attachments: INEEN_ATTACHMENT_ROOT (a private folder outside any web root, default var/attachments; back it
  up with the database, on an encrypted volume), INEEN_ATTACHMENT_MAX_MB (default 20),
  INEEN_ATTACHMENT_SCAN_COMMAND (a virus scanner run on every upload, e.g. "clamdscan --no-summary --fdpass";
  exit 0 = clean, 1 = infected, anything else = refused as "try later").
- Emergency access (break the glass): INEEN_BREAK_GLASS_PER_DAY (uses per user per 24 hours, default 2),
  INEEN_BREAK_GLASS_REFUSALS_PER_DAY (refused requests per user per 24 hours before the form is blocked,
  default 3).
- INEEN_CLOSED_CASE_READ_DAYS: how many days the former team of a closed case may still read it
  (default 90; 0 = not at all after closure). The chair of the safety house keeps reading.
- Client access (ineen/portal): INEEN_CLIENT_ACCESS_DAYS (longest validity of a household member's own link,
  default 90), INEEN_CLIENT_ACCESS_IP_FAILURES (wrong codes per address per hour before the code form is
  blocked for that address, default 20; counted in Django's cache: use a shared cache such as Redis or the
  database cache when running several processes).
- Scaling out (docs/operations.md, "Production deployment"): INEEN_REDIS_URL (e.g. redis://redis:6379/0) makes
  Django's cache a shared Redis, so web nodes are stateless (rate limits, throttles and the cache are shared;
  sessions are in the database); default: local memory (one process: the demo, the tests).
  DATABASE_REPLICA_URL adds a read replica that reports and research exports read from (ineen/ops/replica.py).
- Logs: INEEN_LOG_LEVEL (default WARNING), INEEN_LOG_FORMAT ("json" or "text"; default json in production),
  INEEN_REQUEST_LOG ("1": one line per request, logger ineen.requests; default on in production).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from ineen.env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

INEEN_ENV = env_str("INEEN_ENV", "development")
if INEEN_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"INEEN_ENV must be development, test or production, not {INEEN_ENV!r}")
PRODUCTION = INEEN_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on with INEEN_ENV=production.")

DEMO_MODE = env_bool("INEEN_DEMO", False)
if PRODUCTION and DEMO_MODE:
    # Demo mode relaxes MFA for the demo accounts; it must never reach real case data.
    raise ImproperlyConfigured("INEEN_DEMO cannot be on with INEEN_ENV=production.")

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required with INEEN_ENV=production.")
    # Development/test only: a fixed, obviously insecure key.
    SECRET_KEY = "insecure-development-key-" + "x" * 40  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "ineen.accounts.apps.BeheerAdminConfig",  # django.contrib.admin, with the role deciding access
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # trigram indexes and similarity for case search (PostgreSQL only; inert on SQLite)
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "pgtrigger",
    "pghistory",
    "django_tasks_db",  # the database backend and `db_worker` for django.tasks (reminders)
    # django-ninja's templates and static files: the API docs load nothing from a CDN.
    "ninja",
    "ineen.accounts",
    "ineen.audit",
    "ineen.households",
    "ineen.cases",
    "ineen.privacy",
    "ineen.guide",
    "ineen.conferences",
    "ineen.plans",
    "ineen.reminders",
    "ineen.escalations",
    "ineen.evaluations",
    "ineen.portal",
    "ineen.insights",
    "ineen.imports",
    "ineen.arrangements",
    "ineen.web",
    "ineen.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ineen.ops.request_log.RequestLogMiddleware",  # after WhiteNoise: static files are not logged
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ineen.web.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The live poll's user and access facts in one query, before anything reads request.user.
    "ineen.conferences.middleware.LivePollMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ineen.accounts.middleware.SessionExpiryMiddleware",
    "ineen.accounts.middleware.MandatoryMFAMiddleware",
    "ineen.audit.middleware.HistoryContextMiddleware",
    "ineen.audit.middleware.AuditMiddleware",
    "ineen.web.middleware.NoStoreWhenLoggedInMiddleware",
    "ineen.api.middleware.JsonMethodNotAllowedMiddleware",  # inside the header middlewares: they still apply
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ineen.urls"
WSGI_APPLICATION = "ineen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ineen" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ineen.web.context_processors.ineen",
            ],
        },
    }
]

_default_db = f"sqlite:///{BASE_DIR / 'var' / 'ineen.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=60)}
# Every request is one transaction, so a read's audit event commits with the response or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    (BASE_DIR / "var").mkdir(exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: PostgreSQL compiles a plan whose estimated cost is high (a count or page over a
    # large table), which added 180-190 ms to pages whose query then ran in a few ms (issue 12, national
    # scale). Short web queries never win that back; reports may set it per session if they ever need it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Prepared statements for server-binding cursors only: Django's own cursors bind on the client and never
    # prepare, so this reaches just the live poll's statement (access/live.py), which then is planned once
    # per connection instead of on every poll (Django turns psycopg's default of 5 off for poolers; the
    # deployment connects directly, docs/operations.md).
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
# A read replica (PostgreSQL streaming replication) for reports and research exports only; writes and audit
# events never go there (ineen/ops/replica.py). The tests mirror it onto the default database.
_replica_url = env_str("DATABASE_REPLICA_URL", "")
INEEN_REPLICA_READS = bool(_replica_url)  # ineen/ops/replica.py routes reads there only when this is on
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
elif INEEN_ENV == "test":
    # The alias exists in the tests (tests/ops/test_replica.py turns INEEN_REPLICA_READS on): a second
    # connection to the test database itself.
    DATABASES["replica"] = {**DATABASES["default"], "ATOMIC_REQUESTS": False}
if "replica" in DATABASES:
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["ineen.ops.replica.ReplicaRouter"]

# --- Cache: shared Redis when several processes serve (stateless web nodes), else local memory ---
_redis_url = env_str("INEEN_REDIS_URL", "")
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "ineen",
            # A Redis that stops answering must not hang every request: fail fast (the health endpoint says 503).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "ineen.accounts.backends.AuthenticationBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "ineen" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
WHITENOISE_USE_FINDERS = not PRODUCTION  # development serves straight from the app folders
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# ineen/static is not inside an app, so the app finder would not see it.
STATICFILES_DIRS = [BASE_DIR / "ineen" / "static"]
# Attachments (ineen/cases/attachments.py): a private folder, never served by a web server; the only way
# out is the download view, which asks the access policy. Tests get a fresh temporary folder per process.
if INEEN_ENV == "test":
    import tempfile

    INEEN_ATTACHMENT_ROOT = Path(tempfile.mkdtemp(prefix="ineen-attachments-"))
else:
    INEEN_ATTACHMENT_ROOT = Path(env_str("INEEN_ATTACHMENT_ROOT", str(BASE_DIR / "var" / "attachments")))
INEEN_ATTACHMENT_MAX_MB = int(env_str("INEEN_ATTACHMENT_MAX_MB", "20"))
INEEN_ATTACHMENT_SCAN_COMMAND = env_str("INEEN_ATTACHMENT_SCAN_COMMAND", "")  # e.g. "clamdscan --no-summary --fdpass"
FILE_UPLOAD_HANDLERS = [
    "ineen.cases.attachments.SizeLimitUploadHandler",  # skips an oversized file while it is read
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": INEEN_ATTACHMENT_ROOT,
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Sessions: 15 minutes idle, 12 hours absolute (enforced in SessionExpiryMiddleware) ---
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_IDLE_SECONDS = 15 * 60
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Read from the shared cache, written through to the database (sessions survive a cache flush). The
# last-activity stamp moves at most once a minute, so most requests do not write the session at all.
# Only with a cache every process shares (Redis, INEEN_REDIS_URL; the one-process test run): with a
# per-process local-memory cache one worker would keep serving a session another worker ended (logout, a
# disabled account). The live poll's revision cache follows the same rule (conferences/live_cache.py).
INEEN_SHARED_CACHE = bool(env_str("INEEN_REDIS_URL", "")) or INEEN_ENV == "test"
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if INEEN_SHARED_CACHE else "db")

# --- Messages: kept in the server-side session (cached_db: the database, read through the cache), never in
# a cookie. Django's default CookieStorage signs but does not encrypt, so anything a message said would sit
# readable in the browser and in proxies' logs. Messages are generic anyway ("De bodemeis is opgeslagen.",
# tests/security/test_messages.py); this is the second line of defence.
# Form templates come from TEMPLATES, so ineen/templates/django/forms/ can give Django's field group and
# error list the NL Design System (Utrecht) classes.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Security headers: secure unless we are clearly on a developer's machine ---
SECURE_SSL = env_bool("INEEN_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL and env_bool("INEEN_SSL_REDIRECT", True)
# The load balancer's health check talks plain HTTP to each node (ineen/ops/views.py): no redirect for it.
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("INEEN_BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "ineen.web.views.errors.csrf_failure"  # Dutch, in Ineen's style
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# --- django-allauth: e-mail login, no self sign-up, no user enumeration, MFA ---
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "ineen.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Login throttling: see the block "Login throttling" below.
LOGIN_REDIRECT_URL = "web:dashboard"
LOGIN_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Ineen"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = (DEBUG or DEMO_MODE) and not PRODUCTION  # the demo serves plain http

# --- Login throttling: per account AND address together, with a generous ceiling per address ---
# Many professionals share one address (an office NAT, a municipal network): a limit per address alone
# lets one person's typos, or one attacker, lock out every colleague there (before: 20 failures a minute
# from one address refused every login from it). And a limit per account alone, from anywhere, lets anyone
# lock a professional out before a case conference. So (tests/security/test_login_throttling.py):
# - django-axes (below): 5 failed passwords per account + address, then that pair waits 15 minutes.
# - allauth "login_failed": "100/h/ip" is the ceiling against credential stuffing (many accounts tried from
#   one address); no office mistypes 100 passwords in an hour. Its "key" part counts 10 failures in 15
#   minutes: at the password step per account + address (AccountAdapter._get_login_attempts_cache_key
#   adds the address), at the second-factor step per account from anywhere (allauth's key), so guessing a
#   6-digit code stays slow; only someone who has the password can trigger that one.
# - allauth "login": every login POST, 60 a minute per address (allauth's default, 30, is a busy morning
#   at a large office); it only blunts hammering of the (deliberately slow) password hashing.
ACCOUNT_RATE_LIMITS = {"login": "60/m/ip", "login_failed": "100/h/ip,10/15m/key"}

# --- django-axes: throttle per username + IP ---
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "ineen.accounts.adapters.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_ENABLED = env_bool("INEEN_AXES", True)

# --- E-mail (Django 6.1 MAILERS): console in development; SMTP when EMAIL_HOST is set ---
# Production always uses SMTP (a local relay unless EMAIL_HOST says otherwise): the console backend would
# write mail, with its links, into the logs and `check --deploy` rightly refuses it (mail.E001).
_email_host = env_str("EMAIL_HOST", "localhost" if PRODUCTION else "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": int(env_str("EMAIL_PORT", "587")),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
        if _email_host
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ineen <noreply@ineen.invalid>")
INEEN_BASE_URL = env_str("INEEN_BASE_URL", "http://127.0.0.1:8000")

# --- Background jobs (django.tasks): reminders (ineen/reminders, docs/operations.md "Reminders") ---
# Jobs wait in the database and `manage.py db_worker` (django-tasks-db) runs them; tests run them at once.
# Set INEEN_TASKS_IMMEDIATE=1 to run jobs inside the enqueuing process (no worker; e.g. a one-off command).
if INEEN_ENV == "test" or env_bool("INEEN_TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Emergency access cannot be used to browse (docs/privacy.md, "Emergency access"): per user per 24 hours,
# at most this many uses, and this many refused requests (a guessed or wrong reference) block the form.
INEEN_BREAK_GLASS_PER_DAY = int(env_str("INEEN_BREAK_GLASS_PER_DAY", "2"))
INEEN_BREAK_GLASS_REFUSALS_PER_DAY = int(env_str("INEEN_BREAK_GLASS_REFUSALS_PER_DAY", "3"))

# Retention per record type, in years (docs/privacy.md, "Retention and rights"); applied by
# `manage.py apply_retention` (ineen/privacy/retention.py).
INEEN_RETENTION = {
    "closed_case": 5,  # case content of a household whose cases are all closed, after the last closure
    "declined_referral": 1,  # a referral declined in triage, after the decision
    "break_glass": 5,  # emergency-access records, after the access started
    "audit_event": 15,  # audit events (NEN 7513: at least 5); only reported, deletion is an operator step
}

# A closed case: its (former) team may read it for this many days after closure, never write through it
# (docs/privacy.md, "Households with several cases"). The chair of the safety house keeps reading.
try:
    INEEN_CLOSED_CASE_READ_DAYS = int(env_str("INEEN_CLOSED_CASE_READ_DAYS", "90"))
except ValueError:
    raise ImproperlyConfigured("INEEN_CLOSED_CASE_READ_DAYS must be a whole number of days.") from None
if INEEN_CLOSED_CASE_READ_DAYS < 0:
    raise ImproperlyConfigured("INEEN_CLOSED_CASE_READ_DAYS cannot be negative.")

# --- Client access (ineen/portal): a household member's own link + code ---
# Idle and absolute limits of a client session: shorter than a professional's, a phone is easily left behind.
INEEN_CLIENT_ACCESS_DAYS = int(env_str("INEEN_CLIENT_ACCESS_DAYS", "90"))
INEEN_CLIENT_ACCESS_IP_FAILURES = int(env_str("INEEN_CLIENT_ACCESS_IP_FAILURES", "20"))
INEEN_CLIENT_SESSION_IDLE_SECONDS = 30 * 60
INEEN_CLIENT_SESSION_ABSOLUTE_SECONDS = 4 * 60 * 60

# The plan between meetings (ineen/plans/changes.py, progress.py): working days the involved partners have
# to answer a proposed plan change, and the default weeks between reviews of the plan with the family.
try:
    INEEN_PLAN_CHANGE_RESPONSE_DAYS = int(env_str("INEEN_PLAN_CHANGE_RESPONSE_DAYS", "5"))
    INEEN_PLAN_REVIEW_WEEKS = int(env_str("INEEN_PLAN_REVIEW_WEEKS", "6"))
except ValueError:
    raise ImproperlyConfigured(
        "INEEN_PLAN_CHANGE_RESPONSE_DAYS and INEEN_PLAN_REVIEW_WEEKS are whole numbers."
    ) from None
# Aftercare: the follow-up check after closure is planned this many months after the closing day.
try:
    INEEN_FOLLOWUP_CHECK_MONTHS = int(env_str("INEEN_FOLLOWUP_CHECK_MONTHS", "3"))
except ValueError:
    raise ImproperlyConfigured("INEEN_FOLLOWUP_CHECK_MONTHS must be a whole number of months.") from None
# Clients at the table (ineen/conferences/clients.py): working days for the debrief or feedback after a meeting.
try:
    INEEN_CLIENT_FOLLOW_UP_DAYS = int(env_str("INEEN_CLIENT_FOLLOW_UP_DAYS", "5"))
except ValueError:
    raise ImproperlyConfigured("INEEN_CLIENT_FOLLOW_UP_DAYS is a whole number.") from None

# --- Audit: write events by database triggers (django-pghistory), sealed by a keyed hash chain ---
# Triggers are (re)installed after every migrate instead of living in the tracked apps' migrations: their
# bodies follow the tracked models' columns (docs/architecture.md, "Tamper-evident audit").
PGTRIGGER_MIGRATIONS = False
PGTRIGGER_INSTALL_ON_MIGRATE = True
PGHISTORY_APPEND_ONLY = True
# The moment of the write itself, not of the start of its transaction.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"
PGHISTORY_MIDDLEWARE_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
AUDIT_SEAL_HORIZON_SECONDS = int(env_str("INEEN_AUDIT_SEAL_HORIZON", "60"))
AUDIT_SEAL_LOOKBACK_SECONDS = int(env_str("INEEN_AUDIT_SEAL_LOOKBACK", "3600"))

# Logs go to stdout (the container's or systemd's journal collects them). In production as JSON lines
# (python-json-logger), one per request from ineen.requests (ineen/ops/request_log.py: route templates, never
# paths or query strings, and a keyed hash of the user).
_log_format = env_str("INEEN_LOG_FORMAT", "json" if PRODUCTION else "text")
if _log_format not in {"json", "text"}:
    raise ImproperlyConfigured("INEEN_LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": _log_format}},
    "root": {"handlers": ["console"], "level": env_str("INEEN_LOG_LEVEL", "WARNING")},
    "loggers": {
        "ineen.requests": {"level": "INFO" if env_bool("INEEN_REQUEST_LOG", PRODUCTION) else "WARNING"},
    },
}
