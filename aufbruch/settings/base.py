"""Settings shared by every environment, read from the environment (12-factor).

Environment variables (all optional in development):
  SECRET_KEY, DEBUG, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS
  DATABASE_URL   sqlite:///var/aufbruch.sqlite3 (default) or postgres://user@host/db
  EMAIL_URL      consolemail:// (default) or smtp://user:pass@host:port
  REDIS_URL      redis://127.0.0.1:6379/0 -> shared cache and rate limits
  CITY_NAME, CITY_DISTRICTS (comma separated; used by seed_demo), PLATFORM_NAME
  SITE_URL       the public address every absolute link starts with
  EMAIL_SUBJECT_PREFIX  "[<PLATFORM_NAME> <CITY_NAME>] " by default
  MAP_TILE_URL, MAP_TILE_ATTRIBUTION, MAP_CENTER_LAT, MAP_CENTER_LON
  GEOCODER_URL (Nominatim-compatible, empty = off), GEOCODER_TIMEOUT, GEOCODER_COUNTRY_CODES
  PROGRAMME_OFFICE_ADDRESS, PROGRAMME_OFFICE_EMAIL, BOARD_CONSENT_DAYS
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from aufbruch.core.observability import parse_admins

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "aufbruch"
NODE_MODULES = BASE_DIR / "node_modules"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The development key is public: a system check warns when a database with
# real (non-demo) accounts runs with it (bin/serve runs that check).
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me-in-production-0123456789"
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'aufbruch.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work side by side (several gunicorn workers).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "aufbruch.accounts.apps.AufbruchAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Aufbruch, one app per domain concept
    "aufbruch.core",
    "aufbruch.audit",
    "aufbruch.staff",
    "aufbruch.accounts",
    "aufbruch.organisation",
    "aufbruch.ideas",
    "aufbruch.comments",
    "aufbruch.notifications",
    "aufbruch.moderation",
    "aufbruch.api",
    "aufbruch.guides",
    "aufbruch.boards",
    "aufbruch.meetings",
    "aufbruch.surveys",
    "aufbruch.opinions",
    "aufbruch.assumptions",
    "aufbruch.dashboards",
    "aufbruch.committees",
    "aufbruch.figures",
    "aufbruch.agenda",
    "aufbruch.pages",
    "aufbruch.projects",
    "aufbruch.opendata",
    "aufbruch.site",
    "aufbruch.operations",
]
# The benchmarks' management commands (bench/aufbruch_bench, outside the
# runtime package; their dependencies are the "bench" extra): bin/bench and
# bench/*.py set AUFBRUCH_BENCH=1.
AUFBRUCH_BENCH = env.bool("AUFBRUCH_BENCH", default=False)
if AUFBRUCH_BENCH:
    INSTALLED_APPS.append("bench.aufbruch_bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "aufbruch.core.middleware.HtmxMessagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "aufbruch.staff.mfa.MFASessionMiddleware",
    "aufbruch.staff.middleware.StaffMFAMiddleware",
]

# With AUFBRUCH_BENCH=1 the bench's URLconf wraps the site's and adds the
# ceiling views (/_bench/ok/, /_bench/cards/); named by string, never imported here.
ROOT_URLCONF = "bench.aufbruch_bench.urls" if AUFBRUCH_BENCH else "aufbruch.urls"
WSGI_APPLICATION = "aufbruch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aufbruch.site.context_processors.platform",
            ],
        },
    }
]

FORM_RENDERER = "aufbruch.core.forms.KernFormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "ideas:list"
LOGOUT_REDIRECT_URL = "ideas:list"

# django-allauth: e-mail only, verified, throttled (its rate limits use the cache)
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# allauth's mails use the platform's mail layer and links (aufbruch.core.mail, SITE_URL).
ACCOUNT_ADAPTER = "aufbruch.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "aufbruch.accounts.forms.SignupForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Aufbruch")

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("vendor/kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet-markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    # Build output, not in git: `manage.py build_fonts` (make install) writes it.
    ("fonts", BASE_DIR / "build" / "fonts"),
]
FONT_BUILD_DIR = BASE_DIR / "build" / "fonts"
FONT_BUILD_DIR.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Uploads: images are checked by content and re-encoded (aufbruch.core.images).
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=8 * 1024 * 1024)
MAX_VIDEO_UPLOAD_BYTES = env.int("MAX_VIDEO_UPLOAD_BYTES", default=50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default, opted into now
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Cache, sessions and rate limits are shared between app servers: Redis when
# configured, otherwise a database table (works with several gunicorn workers).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "aufbruch.core.cache.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "aufbruch_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Aufbruch Gütersloh <noreply@aufbruch.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers; production.py tightens the transport settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

# Map tiles: by default the open basemap of Germany's federal mapping agency
# (basemap.de web raster, BKG, CC BY 4.0), the one outside service a page
# contacts (named on the privacy page). A city sets its own tile server here;
# MAP_TILE_URL set to an empty value turns tiles off (maps show markers only).
MAP_TILE_URL = env.str(
    "MAP_TILE_URL",
    default="https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/"
    "de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png",
)
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://basemap.de/">basemap.de</a> / BKG '
    '(<a href="https://creativecommons.org/licenses/by/4.0/deed.de">CC BY 4.0</a>)',
)
MAP_MAX_POINTS = 2000  # markers on the overview map of ideas (newest first)
MAP_CENTER = (
    env.float("MAP_CENTER_LAT", default=51.9069),
    env.float("MAP_CENTER_LON", default=8.3785),
)


# Address search and addresses of map points: a Nominatim-compatible service
# (e.g. the city's own Nominatim). Empty = off: the map click and the
# coordinate fields work without it. Only the server contacts it (never a
# resident's browser); the privacy page names it when it is set.
GEOCODER_URL = env.str("GEOCODER_URL", default="")
GEOCODER_TIMEOUT = env.float("GEOCODER_TIMEOUT", default=4.0)
GEOCODER_COUNTRY_CODES = env.str("GEOCODER_COUNTRY_CODES", default="de")


def _origin(url: str) -> str | None:
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "a"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


_tile_origin = _origin(MAP_TILE_URL)
# The city's video host for sign language videos (origins, e.g. https://video.example.de).
SIGN_VIDEO_HOSTS = env.list("SIGN_VIDEO_HOSTS", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"] + ([_tile_origin] if _tile_origin else []),
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF] + [h.rstrip("/") for h in SIGN_VIDEO_HOSTS],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

CITY_NAME = env.str("CITY_NAME", default="Gütersloh")
CITY_DISTRICTS = env.list(
    "CITY_DISTRICTS",
    default=[
        "Innenstadt",
        "Avenwedde",
        "Blankenhagen",
        "Ebbesloh",
        "Friedrichsdorf",
        "Hollen",
        "Isselhorst",
        "Kattenstroth",
        "Niehorst",
        "Nordhorn",
        "Pavenstädt",
        "Spexard",
        "Sundern",
    ],
)
PLATFORM_NAME = env.str("PLATFORM_NAME", default="Digitaler Aufbruch")
# One subject prefix for every mail: notifications, events, allauth, errors to ADMINS.
EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default=f"[{PLATFORM_NAME} {CITY_NAME}] ")
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
# Where a guardian's consent for a board member under 16 reaches the office
# (shown on the application's status page and on the printable form), and
# how many days after the application it is due.
PROGRAMME_OFFICE_ADDRESS = env.str(
    "PROGRAMME_OFFICE_ADDRESS",
    default=f"Stadt {CITY_NAME}, Programmbüro {PLATFORM_NAME}, Berliner Straße 70, 33330 {CITY_NAME}",
)
PROGRAMME_OFFICE_EMAIL = env.str("PROGRAMME_OFFICE_EMAIL", default="")
BOARD_CONSENT_DAYS = env.int("BOARD_CONSENT_DAYS", default=28)
# The letterhead of committee papers and status reports (e.g. "Stadt Gütersloh – Der Bürgermeister").
COMMITTEE_LETTERHEAD = env.str("COMMITTEE_LETTERHEAD", default=f"Stadt {CITY_NAME}")

# Participation rules (the programme office's defaults).
SMALL_GROUP_THRESHOLD = env.int("SMALL_GROUP_THRESHOLD", default=10)
COMMENT_EDIT_WINDOW_MINUTES = env.int("COMMENT_EDIT_WINDOW_MINUTES", default=15)
# A rendered comment thread is kept this long per version (a new version
# replaces it at once; this only bounds the cache's memory).
COMMENT_THREAD_CACHE_SECONDS = env.int("COMMENT_THREAD_CACHE_SECONDS", default=3600)
IDEAS_PER_PAGE = 20
# Anonymous visitors share renderings for this many seconds (0 turns it off):
# the content of an idea page (keyed by the idea's counters and versions, so
# counts are exact and most changes show at once) and the results of the idea
# list. Logged-in users always get fresh pages.
IDEA_PAGE_CACHE_SECONDS = env.int("IDEA_PAGE_CACHE_SECONDS", default=10)
IDEA_LIST_CACHE_SECONDS = env.int("IDEA_LIST_CACHE_SECONDS", default=10)
HOME_CACHE_SECONDS = env.int("HOME_CACHE_SECONDS", default=10)
# The idea list logged-in users share is keyed by the data it shows, so a
# change shows at once; this only bounds the cache's memory: every support on
# a listed idea makes a new rendering (~30 KB), so at 10 supports a second
# about 60 x 10 x 30 KB = 18 MB are kept; a steady page is rendered once a minute.
IDEA_FRAGMENT_CACHE_SECONDS = env.int("IDEA_FRAGMENT_CACHE_SECONDS", default=60)
# Searches of words kept for the current generation, like the lists: at most
# this many new ones a minute (ideas.page_cache), so typing cannot fill the cache.
IDEA_SEARCH_CACHE_PER_MINUTE = env.int("IDEA_SEARCH_CACHE_PER_MINUTE", default=200)
TRENDING_HALF_LIFE_DAYS = 14
# Rate limits for writes: (count, seconds) per user or client address.
RATE_LIMITS = {
    "idea_submit": (10, 3600),
    "comment": (30, 600),
    "support": (120, 60),
    "report": (20, 3600),
    "live_post": (10, 60),
    "live_vote": (120, 60),
    "live_device": (200, 3600),  # new live-page ids per client address
    "guest_email": (3, 86400),  # guest registrations mailed to one address
    "registration": (20, 3600),
    "opinion_vote": (120, 60),
    "opinion_statement": (10, 3600),
    "survey_response": (20, 3600),
    "geocode": (30, 60),  # address searches in the location picker
    "default": (60, 60),
}
# Reverse proxies in front of the app servers that append to X-Forwarded-For
# (nginx: 1). 0 = no proxy, the socket address is the client. Used by every
# rate limit (aufbruch.core.clientip) and by allauth's log-in throttling.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Errors reach someone: ADMINS get a mail per server error in production
# ("Name <mail>,Other <mail>"), optional Sentry via SENTRY_DSN (production.py).
ADMINS = parse_admins(env.str("ADMINS", default=""))
MANAGERS = ADMINS

# Retention: the periodic job "retention" deletes or empties personal data
# after these many days (documented in docs/deployment.md and the privacy notice).
RETENTION_DAYS = {
    "unconfirmed_guest_registrations": env.int(
        "RETENTION_UNCONFIRMED_REGISTRATION_DAYS", default=7
    ),
    "live_client_ids": env.int("RETENTION_LIVE_CLIENT_DAYS", default=30),
    "audit_details": env.int("RETENTION_AUDIT_DETAILS_DAYS", default=365),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Public uploads (idea images, event photos) are served by the app unless the
# reverse proxy does it. Files under MEDIA_ROOT/private/ are never served
# here; their apps stream them after a permission check.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=True)
# The one base of absolute links (mails, feeds, iCal, the API, printed QR codes):
# the public address, e.g. https://beteiligung.guetersloh.de. bin/serve (make run)
# sets it to http://127.0.0.1:$PORT unless given; production must set it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Open data (API, feeds, bulk export): licence and attribution shown with every answer and file.
OPEN_DATA_LICENSE = env.str(
    "OPEN_DATA_LICENSE", default="Datenlizenz Deutschland – Namensnennung 2.0"
)
OPEN_DATA_LICENSE_URL = env.str(
    "OPEN_DATA_LICENSE_URL", default="https://www.govdata.de/dl-de/by-2-0"
)
OPEN_DATA_LICENSE_ID = env.str("OPEN_DATA_LICENSE_ID", default="dl-de-by-2.0")
OPEN_DATA_ATTRIBUTION = env.str(
    "OPEN_DATA_ATTRIBUTION", default=f"Stadt {CITY_NAME}, {PLATFORM_NAME}"
)
# OParl 1.1 endpoint of the council information system (the System object's URL); empty = off.
OPARL_ENDPOINT = env.str("OPARL_ENDPOINT", default="")
POLIS_DATA_DIR = Path(
    env.str("POLIS_DATA_DIR", default=str(BASE_DIR / "data" / "polis-klimarat-produktion-konsum"))
)
