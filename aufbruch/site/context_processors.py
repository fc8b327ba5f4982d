from django.conf import settings
from django.urls import NoReverseMatch, reverse
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


def _nav(request):
    items = []
    for name, label in MAIN_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return items


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
