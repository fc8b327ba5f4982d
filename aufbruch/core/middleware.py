"""Messages for htmx requests.

An htmx request swaps a fragment that has no messages region, so a message
queued by the view (a refused support, say) would wait in the session and
appear on whatever page the person opens next. This middleware adds the
queued messages to every htmx HTML response as an out-of-band swap into the
page's messages region (`#messages` in base.html) and marks them as shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

MESSAGES_REGION = b'id="messages"'


class HtmxMessagesMiddleware:
    """Must come after MessageMiddleware, so its response runs first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.headers.get("HX-Request") != "true"
            or response.streaming
            or not 200 <= response.status_code < 300
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        storage = messages.get_messages(request)
        if not storage or MESSAGES_REGION in response.content:
            return response
        response.content += render_to_string(
            "core/_messages_oob.html", {"messages": storage}, request=request
        ).encode(response.charset)
        return response
