"""Production: HTTPS behind a reverse proxy, secrets from the environment."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
# seed_demo refuses to run when this is set (its accounts have published passwords).
PRODUCTION = True
SECRET_KEY = env.str("SECRET_KEY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Errors reach someone: a mail to ADMINS for every server error (500) and
# every ERROR log record, plus Sentry when SENTRY_DSN is set (personal data
# scrubbed, see aufbruch.core.observability).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {
        "handlers": ["console", "mail_admins"],
        "level": env.str("LOG_LEVEL", default="WARNING"),
    },
    "loggers": {
        # Django logs each 4xx/5xx here; propagate to root (console + mail for 5xx).
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
    },
}

from aufbruch.core.observability import init_sentry  # noqa: E402

init_sentry(
    env.str("SENTRY_DSN", default=""),
    environment=env.str("SENTRY_ENVIRONMENT", default="production"),
)
