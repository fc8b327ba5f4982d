from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from aufbruch.notifications.selectors import unread_count
from aufbruch.staff.selectors import is_staff_member

# (url name, label). Each domain app provides its "<app>:list" page.
MAIN_NAV = [
    ("ideas:list", _("Ideas")),
    ("meetings:list", _("Events")),
    ("boards:list", _("Boards")),
    ("surveys:list", _("Surveys")),
    ("opinions:list", _("Opinion maps")),
    ("assumptions:list", _("What we learn")),
    ("figures:list", _("Figures")),
    ("agenda:list", _("Digital Agenda")),
]


# The navigation's addresses, reversed once per URLconf and script prefix
# (eight reverse() calls cost about 0.3 ms on every page otherwise).
_NAV_URLS: dict[tuple, list[tuple[str, str]]] = {}


def _nav_urls() -> list[tuple[str, str]]:
    key = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    urls = _NAV_URLS.get(key)
    if urls is None:
        urls = []
        for name, label in MAIN_NAV:
            try:
                urls.append((reverse(name), label))
            except NoReverseMatch:
                continue
        _NAV_URLS[key] = urls
    return urls


def _nav(request):
    return [
        # str(label): the header's shared rendering is keyed by these values
        {"url": url, "label": str(label), "active": request.path.startswith(url)}
        for url, label in _nav_urls()
    ]


def _unread(request) -> int:
    return unread_count(user=request.user)


def _is_staff_member(request) -> bool:
    return is_staff_member(request.user)


def platform(request):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "CITY_NAME": settings.CITY_NAME,
        "main_nav": SimpleLazyObject(lambda: _nav(request)),
        "unread_notifications": SimpleLazyObject(lambda: _unread(request)) if authenticated else 0,
        "is_staff_member": SimpleLazyObject(lambda: _is_staff_member(request))
        if authenticated
        else False,
    }
