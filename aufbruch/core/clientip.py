"""The client's address, the same for every rate limit and for allauth.

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (nginx appends the address it
sees to ``X-Forwarded-For``) the client is the N-th address from the right:
everything left of it was written by the client itself and can be forged.
With ``TRUSTED_PROXY_COUNT = 0`` (no proxy) the header is ignored and the
socket address (``REMOTE_ADDR``) is the client. allauth reads the same
setting (``ALLAUTH_TRUSTED_PROXY_COUNT`` in the settings), so its log-in
throttling counts the same addresses.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _clean(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [::1]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 1.2.3.4:port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The right-most untrusted address; '' when none can be told."""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h for h in (p.strip() for p in forwarded.split(",")) if h]
        if len(hops) >= count:
            ip = _clean(hops[-count])
            if ip:
                return ip
        # Fewer hops than trusted proxies: the request did not pass through
        # all of them (or the count is wrong); trust only the socket.
    return _clean(remote) or remote
