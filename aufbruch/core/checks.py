"""System checks of the operations set-up (``manage.py check``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

DEMO_DOMAIN = "demo.aufbruch.invalid"


@register(Tags.security)
def check_rate_limit_scopes(app_configs=None, **kwargs):
    """Every scope a view or service uses is configured (no silent default)."""
    from django.urls import get_resolver

    from .ratelimit import USED_SCOPES

    _ = get_resolver().url_patterns  # imports every view module, so decorators have run
    missing = sorted(USED_SCOPES - set(settings.RATE_LIMITS))
    return [
        Error(
            f"Rate-limit scope {scope!r} is used but missing from RATE_LIMITS.",
            id="aufbruch.E001",
        )
        for scope in missing
    ]


@register(Tags.security)
def check_site_url_host(app_configs=None, **kwargs):
    """In production every link in mails, feeds and the API starts with
    SITE_URL: its host must be one this installation answers to."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    from django.http.request import validate_host

    from .links import site_host

    host = site_host()
    if host and validate_host(host, settings.ALLOWED_HOSTS):
        return []
    return [
        Warning(
            f"SITE_URL ({settings.SITE_URL}) is not a host in ALLOWED_HOSTS: links in "
            "e-mails, feeds, calendars and the API would point elsewhere.",
            hint="Set SITE_URL to the public address, e.g. https://beteiligung.example.de.",
            id="aufbruch.W002",
        )
    ]


@register(Tags.security, Tags.database)
def check_development_secret_key(app_configs=None, databases=None, **kwargs):
    """Warn when the public development key protects real accounts.

    Runs with ``check --database default`` (bin/serve does): the demo's own
    accounts (``@demo.aufbruch.invalid``) are fine, anyone else is not."""
    if settings.SECRET_KEY != getattr(settings, "DEVELOPMENT_SECRET_KEY", None):
        return []
    if not databases:
        return []
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    try:
        real = get_user_model().objects.exclude(email__iendswith=f"@{DEMO_DOMAIN}").exists()
    except DatabaseError:  # not migrated yet
        return []
    if not real:
        return []
    return [
        Warning(
            "SECRET_KEY is the public development key, but the database holds accounts "
            "outside the demo. Anyone can forge sessions and signed links: set SECRET_KEY.",
            hint='python -c "import secrets; print(secrets.token_urlsafe(50))" > SECRET_KEY in .env',
            id="aufbruch.W001",
        )
    ]
