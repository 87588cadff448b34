"""Django settings for Kyodo, read from the environment (see docs/operations.md).

Local defaults need nothing: SQLite in var/, mail printed to the console, DEBUG off so that what
runs locally is what runs in production. Production differs only by environment variables.
"""

import ipaddress
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from kyodo.env import (
    env_bool,
    env_database,
    env_email,
    env_int,
    env_list,
    env_rates,
    env_storage,
    env_str,
    given,
    local_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KYODO_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# Behind a TLS-terminating proxy in production: HTTPS=true turns on every HTTPS-only protection.
HTTPS = env_bool("HTTPS", False)
# A local install keeps a generated key in VAR_DIR; production (HTTPS=true) names its own, the
# same on every host, rather than silently signing with a key nobody chose or backed up.
if HTTPS and not env_str("SECRET_KEY").strip():
    raise ImproperlyConfigured(
        "SECRET_KEY を指定してください。HTTPS=true（本番）では、セッションやリンクの署名に使う"
        "長いランダムな値が必要です（すべてのホストで同じ値。例：python3 -c "
        "'import secrets; print(secrets.token_urlsafe(50))' で作れます）。"
    )
SECRET_KEY = env_str("SECRET_KEY").strip() or local_secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
BEHIND_PROXY = env_bool("BEHIND_PROXY", HTTPS)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address for rate limits and sign-in delays (kyodo.core.ratelimit): taken from this
# header only for requests that come from TRUSTED_PROXIES; otherwise the connection's address.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "X-Forwarded-For" if BEHIND_PROXY else "")
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES の {_proxy!r} はIPアドレスでもネットワーク（192.0.2.0/24 など）でも"
            "ありません。プロキシのアドレスをカンマ区切りで指定してください（既定：127.0.0.1,::1）。"
        ) from None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "style-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

INSTALLED_APPS = [
    "kyodo.core",
    "kyodo.organizations",
    "kyodo.events",
    "kyodo.consultations",
    "kyodo.reports",
    "kyodo.committees",
    "kyodo.collaboration",
    "kyodo.search",
    "kyodo.website",
    "kyodo.contact",
    "kyodo.api",
    # Swagger UI from django-ninja's own static files (not a CDN the CSP would block).
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages with personal data (staff, member and group areas; anything for a signed-in person)
    # are never stored by browsers or proxies.
    "kyodo.core.middleware.PrivatePagesMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Japanese unless the visitor chose English with the site's switch (not Accept-Language).
    "kyodo.website.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # An id beyond the database's integers in a URL is the 404 page, not an OverflowError.
    "kyodo.core.middleware.IdRangeMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after SESSION_IDLE_MINUTES without a request; a form sent afterwards is
    # kept and given back after signing in (kyodo/core/sessions.py).
    "kyodo.core.sessions.IdleTimeoutMiddleware",
    # ふりがな over kanji for visitors who turned it on; outside the page cache, which keeps
    # pages without it (and never serves visitors with display cookies anyway).
    "kyodo.website.middleware.FuriganaMiddleware",
    # A form that creates a record is taken once (an id per written form, outside the page cache
    # so that each visitor's is their own): kyodo/core/resubmit.py.
    "kyodo.core.resubmit.ResubmitGuardMiddleware",
    # Anonymous public pages from the "pages" cache; inside the CSRF, session, authentication and
    # message middleware, which it relies on (see kyodo/core/cache.py).
    "kyodo.core.cache.PublicPageCacheMiddleware",
    # Public POSTs: limits per address and a honeypot field (inside the page cache, so cached
    # pages carry the field too).
    "kyodo.core.middleware.PublicFormGuardMiddleware",
    # A sign-in refused during its growing delay becomes the Japanese 429 page.
    "kyodo.core.middleware.SigninDelayMiddleware",
    # A GET to an address that only takes a form's POST: a page saying so, not an empty 405.
    "kyodo.core.middleware.MethodNotAllowedPageMiddleware",
    # A lost database connection becomes a 503 page in the visitor's language.
    "kyodo.core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Caches. Without CACHE_URL everything stays on this machine and needs nothing but Python: the
# rate-limit counters in the database (table kyodo_ratelimit, created by migrate), the page cache in
# each process's memory with its invalidation in a file under VAR_DIR (one host only). With
# CACHE_URL=redis://host:6379/0 (Django's RedisCache) the counters, the page cache, its
# invalidation, sessions and the periodic jobs' daily claims are shared by every host.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"CACHE_URL は redis://ホスト:6379/0 の形で指定してください{given(CACHE_URL)}。"
        "TLS では rediss://…、1台のサーバーで動かすときは CACHE_URL を空にします。"
    )


# Keys start with this (several centers, or tests, sharing one Redis keep apart by it).
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "kyodo")


def _redis(suffix: str, timeout: int | None = 300) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX + suffix,
        "TIMEOUT": timeout,
        # A host that loses Redis answers within a second instead of hanging its workers.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


# "ratelimit": counters of rate limits and sign-in delays, and the periodic jobs' daily claims
# (kyodo periodic on several hosts runs each daily job once), shared by every process.
if CACHE_URL:
    CACHES["ratelimit"] = _redis("", timeout=86400)
else:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kyodo_ratelimit",
        "TIMEOUT": 86400,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
# Public pages for anonymous visitors (kyodo.core.cache); 0 turns the page cache off. Pages expire
# after this many seconds at most and are dropped by any write to the database (the generation:
# a file in VAR_DIR without CACHE_URL, a Redis key with it, so a write on one host is never served
# stale by another).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60, minimum=0)
if PAGE_CACHE_SECONDS:
    CACHES["pages"] = (
        _redis("-pages", timeout=PAGE_CACHE_SECONDS)
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kyodo-pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    )
# Sessions live in the database, which every host shares; with CACHE_URL they are also kept in
# Redis (cached_db), so a signed-in request reads its session without a query.
# Without it, Django's database sessions read through a statement compiled once per process.
if CACHE_URL:
    CACHES["sessions"] = _redis("-sessions", timeout=None)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    SESSION_ENGINE = "kyodo.core.session_store"

ROOT_URLCONF = "kyodo.urls"
WSGI_APPLICATION = "kyodo.wsgi.application"

TEMPLATES = [
    {
        # Django's, with its check knowing that the i18n label below is Kyodo's on purpose.
        "BACKEND": "kyodo.core.templating.DjangoTemplates",
        "NAME": "django",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kyodo.core.context_processors.center",
                "kyodo.core.context_processors.staff_menu",
                "kyodo.website.context_processors.display",
            ],
            # `{% url %}` and `{% translate "literal" %}` are Django's, their results kept per
            # process (kyodo/core/links.py, kyodo/core/templatetags/i18n_once.py);
            # `{% form_fields form %}` writes core/_form_fields.html's HTML (kyodo_forms.py);
            # `{% extends %}` finds the root layout's blocks once (kyodo_extends.py);
            # `{% once %}…{% endonce %}` keeps a layout fragment's HTML (kyodo_once.py).
            "builtins": [
                "kyodo.core.templatetags.kyodo_extends",
                "kyodo.core.templatetags.kyodo_once",
                "kyodo.core.templatetags.kyodo_ja",
                "kyodo.core.templatetags.kyodo_links",
                "kyodo.core.templatetags.kyodo_forms",
                "kyodo.core.templatetags.kyodo_audit",
            ],
            "libraries": {"i18n": "kyodo.core.templatetags.i18n_once"},
        },
    }
]

# Form widgets (inputs, selects and their options, text areas, checkbox and radio groups) are
# written by Python, byte for byte as Django's widget templates write them (kyodo/core/forms.py).
FORM_RENDERER = "kyodo.core.forms.WidgetRenderer"

# Each web worker keeps its database connection for DB_CONN_MAX_AGE seconds (0: a new one for every
# request, as Django's default; opening one costs several milliseconds on PostgreSQL). A kept
# connection is checked before each request reuses it (CONN_HEALTH_CHECKS), so a restarted
# database costs one failed check, not an error page.
DB_CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 600, minimum=0)
DATABASES = {
    "default": env_database(
        "DATABASE_URL", f"sqlite:///{VAR_DIR / 'kyodo.sqlite3'}", conn_max_age=DB_CONN_MAX_AGE
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so tests that run threads (live server, concurrent applications) see
    # one database with real locking, as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_kyodo.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in: wrong passwords slow further attempts down per address and per account, with a
# growing delay that never locks a person out for long (kyodo.core.signin).
AUTHENTICATION_BACKENDS = ["kyodo.core.signin.ThrottledModelBackend"]
SIGNIN_ACCOUNT_FREE_FAILURES = env_int("SIGNIN_ACCOUNT_FREE_FAILURES", 5, minimum=1)
SIGNIN_ADDRESS_FREE_FAILURES = env_int("SIGNIN_ADDRESS_FREE_FAILURES", 20, minimum=1)
SIGNIN_DELAY_SECONDS = env_int("SIGNIN_DELAY_SECONDS", 2, minimum=1)
SIGNIN_ACCOUNT_MAX_DELAY_SECONDS = env_int("SIGNIN_ACCOUNT_MAX_DELAY_SECONDS", 60, minimum=1)
SIGNIN_ADDRESS_MAX_DELAY_SECONDS = env_int("SIGNIN_ADDRESS_MAX_DELAY_SECONDS", 900, minimum=1)
SIGNIN_FORGET_AFTER_SECONDS = env_int("SIGNIN_FORGET_AFTER_SECONDS", 86400, minimum=60)

# Public POSTs per client address, by URL name (kyodo.core.middleware.PublicFormGuardMiddleware);
# RATE_LIMITS="organizations:apply=10/h,default=30/h" changes some of them.
RATE_LIMITS = env_rates(
    "RATE_LIMITS",
    {"organizations:apply": "10/h", "events:detail": "20/h", "default": "30/h"},
)
# Public submissions confirmed by mail first (kyodo.core.confirmations): a group's application
# always; an event application when EVENT_APPLICATION_CONFIRMATION is on (a place counts only
# once confirmed). Links expire after these many hours.
GROUP_APPLICATION_CONFIRM_HOURS = env_int("GROUP_APPLICATION_CONFIRM_HOURS", 48, minimum=1)
EVENT_APPLICATION_CONFIRMATION = env_bool("EVENT_APPLICATION_CONFIRMATION", False)
EVENT_APPLICATION_CONFIRM_HOURS = env_int("EVENT_APPLICATION_CONFIRM_HOURS", 24, minimum=1)
# Applicants' names, addresses and telephone numbers are removed from events held this many days
# ago or earlier (kyodo.events.services.personal_data_anonymise, a daily job of kyodo periodic).
try:
    EVENTS_ANONYMISE_AFTER_DAYS = env_int("EVENTS_ANONYMISE_AFTER_DAYS", 365, minimum=1)
except ImproperlyConfigured:
    raise ImproperlyConfigured(
        "EVENTS_ANONYMISE_AFTER_DAYS には、催しの申込者の個人情報を消すまでの日数を1以上の整数で"
        f"指定してください（既定：365）。指定された値：{env_str('EVENTS_ANONYMISE_AFTER_DAYS')!r}"
    ) from None
# Minutes without a request after which a staff session ends (a warning shows before).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60, minimum=1)
# A refused form gets a Japanese page that says what to do, and keeps what was typed.
CSRF_FAILURE_VIEW = "kyodo.core.views.auth.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home-for-user"
LOGOUT_REDIRECT_URL = "website:home"

LANGUAGE_CODE = "ja"
# Language names in their own language, as language switchers show them.
LANGUAGES = [("ja", "日本語"), ("en", "English")]
# One Japanese catalogue for the whole project, kyodo/locale/ja (see `make messages`).
LOCALE_PATHS: list[Path] = [Path(__file__).resolve().parent / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files: MEDIA_ROOT on this machine, or S3-compatible object storage shared by every host
# with STORAGE_URL=s3://bucket/optional/prefix (django-storages; the endpoint from
# STORAGE_ENDPOINT_URL for MinIO and other S3-compatible services, the keys from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the machine's role). Files stay private: every
# download goes through Kyodo, which checks the person's role and sends the file as an attachment.
STORAGE_URL = env_str("STORAGE_URL")
# `kyodo runserver` (development) serves the static files from the apps, as they are, without
# collectstatic: with DEBUG off as well as on.
_RUNSERVER = len(sys.argv) > 1 and sys.argv[1] == "runserver"
STORAGES = {
    "default": env_storage(
        "STORAGE_URL",
        endpoint_url=env_str("STORAGE_ENDPOINT_URL"),
        region_name=env_str("STORAGE_REGION", ""),
    ),
    "staticfiles": {
        "BACKEND": (
            "kyodo.core.staticfiles.StaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not (DEBUG or _RUNSERVER))
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Tests and `runserver` serve static files without collectstatic.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG or _RUNSERVER)

MAILERS = {"default": env_email("EMAIL_URL", "console://")}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kyodo <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Mail to people comes from the center (its name and e-mail address in Center) when it has an
# address; off: always DEFAULT_FROM_EMAIL (when the SMTP server may not send as the center).
MAIL_FROM_CENTER = env_bool("MAIL_FROM_CENTER", True)
# Outbox: a failed delivery is retried with exponential backoff, up to this many attempts.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60, minimum=0)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "kyodo.core.task_backend.DatabaseBackend"),
    }
}

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
if urlsplit(SITE_URL).scheme not in ("http", "https") or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfigured(
        "SITE_URL は利用者が開くアドレスを https://kyodo.example.jp の形で指定してください"
        f"{given(env_str('SITE_URL'))}。メールで送るリンクはこのアドレスで始まります。"
    )
# The open data's licence (kyodo/api/opendata.py, shown on /opendata/ and in the API): CC BY 4.0
# unless OPEN_DATA_LICENCE_NAME is set (with _SHORT and _URL).
OPEN_DATA_LICENCE = (
    {
        "name": env_str("OPEN_DATA_LICENCE_NAME"),
        "short": env_str("OPEN_DATA_LICENCE_SHORT") or env_str("OPEN_DATA_LICENCE_NAME"),
        "url": env_str("OPEN_DATA_LICENCE_URL"),
    }
    if env_str("OPEN_DATA_LICENCE_NAME")
    else None
)
# お問い合わせ: messages one network address may send in an hour.
CONTACT_LIMIT_PER_HOUR = env_int("CONTACT_LIMIT_PER_HOUR", 5, minimum=1)
# A Japanese TrueType font to embed in generated PDFs (default: IPA Gothic where installed).
PDF_FONT_FILE = env_str("PDF_FONT_FILE")

LOG_LEVEL = env_str("LOG_LEVEL", "WARNING").strip().upper() or "WARNING"
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured(
        "LOG_LEVEL には DEBUG、INFO、WARNING、ERROR、CRITICAL のどれかを指定してください"
        f"{given(env_str('LOG_LEVEL'))}。"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Django's own lines (「Internal Server Error: /events/applications/<token>/…」) without the
    # secret part of personal links (kyodo.core.serving.MaskSecretsFilter).
    "filters": {"secrets": {"()": "kyodo.core.serving.MaskSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["secrets"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "kyodo": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # pdfminer warns in English about the insides of the PDFs staff import (「contains a
        # metadata field indicating that it should not allow text extraction」); the importer
        # says in Japanese what it could not read.
        "pdfminer": {"level": "ERROR"},
    },
}
