"""The API's URLs: every ninja view wrapped in ``http.open_data``; a trailing
slash redirects to the same resource without it; anything else under
/api/v1/ is a JSON 404 (never the site's HTML error page)."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import URLPattern, path, re_path

from .api import api
from .http import open_data


def _wrapped(patterns):
    out = []
    for p in patterns:
        if isinstance(p, URLPattern):
            p.callback = open_data(p.callback)
        out.append(p)
    return out


@open_data
def without_slash(request, rest: str):
    target = request.path[: -len("/")]
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


@open_data
def not_found(request, rest: str = ""):
    return JsonResponse({"detail": "Nicht gefunden"}, status=404)


_patterns, _app_name, _namespace = api.urls
urlpatterns = [
    path("", (_wrapped(_patterns), _app_name, _namespace)),
    re_path(r"^(?P<rest>.+)/$", without_slash),
    re_path(r"^(?P<rest>.*)$", not_found),
]
