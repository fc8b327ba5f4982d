"""Absolute links: every link that leaves the page (mails, feeds, iCal, the
API, printed QR codes) starts with ``settings.SITE_URL``, never with the
host of the request that happened to cause it."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """``/ideas/1/`` -> ``https://beteiligung.example.de/ideas/1/``."""
    if urlsplit(path).scheme:
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_host() -> str:
    """The host name of SITE_URL (no port), e.g. for iCal UIDs."""
    return urlsplit(settings.SITE_URL).hostname or ""
