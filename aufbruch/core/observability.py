"""Errors reach someone: ``ADMINS`` from the environment, and an optional
Sentry client that never sends personal data.

Imported by the settings, so this module imports nothing from Django apps.
sentry-sdk is optional (``pip install -e ".[sentry]"``); without it
``SENTRY_DSN`` is ignored with a warning.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from email.utils import getaddresses
from typing import Any

logger = logging.getLogger(__name__)

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
IPV4_RE = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
IPV6_RE = re.compile(r"(?<![0-9A-Za-z:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![0-9A-Za-z:])")
SCRUBBED = "[scrubbed]"
# Request headers that identify a person or a session.
SENSITIVE_HEADERS = {
    "cookie",
    "authorization",
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "x-csrftoken",
}


def parse_admins(value: str) -> list[tuple[str, str]]:
    """``"Ada <ada@x.de>, ops@x.de"`` → ``[("Ada", "ada@x.de"), ("ops@x.de", "ops@x.de")]``."""
    out = []
    for name, addr in getaddresses([value or ""]):
        if "@" not in addr:
            continue
        out.append((name.strip() or addr, addr.strip()))
    return out


def _ip_or_keep(match: re.Match) -> str:
    try:
        ipaddress.ip_address(match.group(0))
    except ValueError:
        return match.group(0)  # a time such as 12:30:45, a version number
    return SCRUBBED


def _scrub_text(value: str) -> str:
    value = EMAIL_RE.sub(SCRUBBED, value)
    value = IPV4_RE.sub(_ip_or_keep, value)
    return IPV6_RE.sub(_ip_or_keep, value)


def _scrub(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        return SCRUBBED
    if isinstance(value, str):
        return _scrub_text(value)
    if isinstance(value, dict):
        return {k: _scrub(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub(v, depth + 1) for v in value]
    return value


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry ``before_send``: drop cookies, addresses and user data; mask
    e-mail and IP addresses anywhere in the event (messages, variables,
    breadcrumbs). The user is reduced to an id."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)  # form posts: names, e-mails, free texts
        request.pop("env", None)  # REMOTE_ADDR
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                k: v for k, v in headers.items() if k.lower() not in SENSITIVE_HEADERS
            }
        if isinstance(request.get("query_string"), str):
            request["query_string"] = _scrub_text(request["query_string"])
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if user.get("id") is not None else {}
    for key in (
        "request",
        "exception",
        "logentry",
        "message",
        "breadcrumbs",
        "extra",
        "contexts",
        "tags",
    ):
        if key in event:
            event[key] = _scrub(event[key])
    return event


def init_sentry(dsn: str, *, environment: str = "production", release: str | None = None) -> bool:
    """Start Sentry when a DSN is set and sentry-sdk is installed."""
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        logger.warning(
            "SENTRY_DSN is set but sentry-sdk is not installed (pip install -e '.[sentry]')"
        )
        return False
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment,
        release=release,
        send_default_pii=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=0.0,
    )
    return True
