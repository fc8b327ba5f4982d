"""Rate limits for writes, kept in the shared cache (Redis or the database),
so they hold across several app servers."""

from __future__ import annotations

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .clientip import client_ip

# Every scope named by a view or service; a system check compares them with
# settings.RATE_LIMITS at start-up.
USED_SCOPES: set[str] = set()


class RateLimited(Exception):
    """Raised by services and views when a client wrote too often."""


def client_key(request: HttpRequest) -> str:
    """The user id when logged in, otherwise a hash of the client address
    (the address itself is never stored)."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return f"u{request.user.pk}"
    addr = client_ip(request)
    return "a" + hashlib.sha256(f"{settings.SECRET_KEY}:{addr}".encode()).hexdigest()[:24]


def hit(scope: str, key: str) -> bool:
    """Count one write; return False when the limit for ``scope`` is exceeded."""
    try:
        limit, period = settings.RATE_LIMITS[scope]
    except KeyError:
        raise ImproperlyConfigured(
            f"Unknown rate-limit scope {scope!r}: add it to RATE_LIMITS"
        ) from None
    window = int(time.time() // period)
    cache_key = f"rl:{scope}:{key}:{window}"
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return _redis_hit(backend, cache_key, period + 5) <= limit
    if cache.add(cache_key, 1, timeout=period + 5):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period + 5)
        return True
    return count <= limit


def _redis_hit(backend: RedisCache, cache_key: str, timeout: int) -> int:
    """Count one hit in one round trip: create the counter with its expiry
    unless it exists, then increment it (pipelined). Through the cache API an
    existing counter costs three round trips (add fails, incr asks whether
    the key exists, then increments), on every rate-limited write."""
    key = backend.make_and_validate_key(cache_key)
    client = backend._cache.get_client(key, write=True)
    pipe = client.pipeline(transaction=False)
    pipe.set(key, 0, ex=timeout, nx=True)
    pipe.incr(key)
    _created, count = pipe.execute()
    return int(count)


def check(request: HttpRequest, scope: str) -> None:
    USED_SCOPES.add(scope)
    if not hit(scope, client_key(request)):
        raise RateLimited(scope)


def ratelimit(scope: str, methods: tuple[str, ...] = ("POST",)):
    """View decorator: a 429 page in German when a client writes too often."""

    USED_SCOPES.add(scope)

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods and not hit(scope, client_key(request)):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "title": _("Too many requests"),
            "message": _(
                "You have sent too many requests in a short time. Please wait a moment and try again."
            ),
        },
        status=429,
    )
