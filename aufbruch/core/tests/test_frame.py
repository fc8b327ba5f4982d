"""The page frame's shared parts (core/templatetags/frame.py, issue #15):
base.html's head, header and footer are rendered once per process and
filled with each person's own parts. These tests load pages over HTTP as
several people in turn and check that each sees their own truth: their name
and unread count, the staff link, the login link back to their own page, a
CSRF token that works, the active navigation entry and their language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError
from django.test import Client, override_settings
from django.urls import reverse

from aufbruch.core.templatetags.frame import SharedPartNode
from aufbruch.core.testing import DepartmentFactory, UserFactory, login_with_mfa
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notification_mark_read, notify
from aufbruch.staff.services import staff_role_grant

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
USER_NAV = re.compile(r'<nav class="site-user".*?</nav>', re.S)
CURRENT = re.compile(r'<a href="([^"]+)" aria-current="page">')


def html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def user_navs(page: str) -> list[str]:
    navs = USER_NAV.findall(page)
    assert len(navs) == 2  # the wide header and the phone menu
    assert navs[0] == navs[1]
    return navs


@pytest.fixture
def people():
    anna = UserFactory(display_name="Anna Anwohnerin")
    bert = UserFactory(display_name="Bert Bewohner")
    guide = UserFactory(display_name="Lotte Lotsin")
    staff_role_grant(
        actor=UserFactory(is_superuser=True),
        user=guide,
        role="guide",
        department=DepartmentFactory(),
    )
    notify(
        recipients=[anna],
        kind=NotificationKind.STATUS,
        event_key="frame-test-1",
        title="Neu",
    )
    notify(
        recipients=[anna],
        kind=NotificationKind.STATUS,
        event_key="frame-test-2",
        title="Noch neuer",
    )
    clients = {name: Client(enforce_csrf_checks=True) for name in ("anna", "bert", "guide", "anon")}
    clients["anna"].force_login(anna)
    clients["bert"].force_login(bert)
    login_with_mfa(clients["guide"], guide)
    return {"anna": anna, "bert": bert, "guide": guide, "clients": clients}


def test_each_person_sees_their_own_header_on_the_same_page(people):
    clients = people["clients"]
    url = reverse("ideas:list")
    # in turn, twice round: the second round is served from the shared parts
    for _round in range(2):
        anna, bert, guide, anon = (html(clients[n], url) for n in ("anna", "bert", "guide", "anon"))
        nav = user_navs(anna)[0]
        assert "Anna Anwohnerin" in nav and "Bert" not in nav
        assert re.search(
            r"<span class=\"kern-label\">2<span class=\"kern-sr-only\"> ungelesen", nav
        )
        assert reverse("guides:inbox") not in nav
        nav = user_navs(bert)[0]
        assert "Bert Bewohner" in nav and "Anna" not in nav
        assert "ungelesen" not in nav
        nav = user_navs(guide)[0]
        assert "Lotte Lotsin" in nav and reverse("guides:inbox") in nav
        nav = user_navs(anon)[0]
        assert "Abmelden" not in nav and reverse("account_login") in nav
        for name in ("Anna", "Bert", "Lotte"):
            assert name not in anon


def test_a_read_notification_shows_on_the_next_page(people):
    client = people["clients"]["anna"]
    url = reverse("ideas:list")
    assert "ungelesen" in user_navs(html(client, url))[0]
    notification_mark_read(user=people["anna"])
    assert "ungelesen" not in user_navs(html(client, url))[0]


def test_login_link_and_language_form_lead_back_to_each_page(db):
    client = Client()
    for url in (reverse("ideas:list") + "?topic=verkehr", reverse("figures:list"), reverse("home")):
        page = html(client, url)
        nav = user_navs(page)[0]
        login = reverse("account_login") + "?next=" + url.replace("?", "%3F").replace("=", "%3D")
        assert login in nav
        assert f'<input name="next" type="hidden" value="{url}">' in page


def test_the_active_navigation_entry_follows_the_page(db):
    client = Client()
    assert CURRENT.findall(html(client, reverse("ideas:list"))) == [reverse("ideas:list")] * 2
    assert CURRENT.findall(html(client, reverse("figures:list"))) == [reverse("figures:list")] * 2
    assert CURRENT.findall(html(client, reverse("about"))) == []
    assert CURRENT.findall(html(client, reverse("ideas:list"))) == [reverse("ideas:list")] * 2


def test_every_token_on_the_page_is_the_visitors_own_and_works(people):
    for name in ("anna", "bert", "anon"):
        client = people["clients"][name]
        page = html(client, reverse("ideas:list"))
        tokens = set(TOKEN.findall(page))
        meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
        assert tokens  # the language form (and the logout form when logged in)
        # the language form's token is accepted (enforce_csrf_checks)
        response = client.post(
            reverse("set_language"),
            {"csrfmiddlewaretoken": tokens.pop(), "language": "de", "next": "/"},
        )
        assert response.status_code == 302, name
        response = client.post(
            reverse("set_language"),
            {"language": "de", "next": "/"},
            HTTP_X_CSRFTOKEN=meta,
        )
        assert response.status_code == 302, name
    # and a token from another visitor's page is not
    anon_page = html(Client(enforce_csrf_checks=True), reverse("ideas:list"))
    foreign = TOKEN.findall(anon_page)[0]
    response = people["clients"]["bert"].post(
        reverse("set_language"), {"csrfmiddlewaretoken": foreign, "language": "de", "next": "/"}
    )
    assert response.status_code == 403


def test_the_frame_speaks_each_visitors_language(db):
    german, english = Client(), Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _round in range(2):
        de = html(german, reverse("ideas:list"))
        en = html(english, reverse("ideas:list"))
        assert (
            '<html lang="de"' in de and "Zum Inhalt springen" in de and "Skip to content" not in de
        )
        assert (
            '<html lang="en"' in en and "Skip to content" in en and "Zum Inhalt springen" not in en
        )
        assert '<option value="en" selected lang="en">' in en
        assert '<option value="de" selected lang="de">' in de


def test_a_changed_setting_shows_at_once(db):
    client = Client()
    assert "Gütersloh" in html(client, reverse("about"))
    with override_settings(CITY_NAME="Bielefeld"):
        page = html(client, reverse("about"))
        assert "Bielefeld" in page.split("</header>")[0]
        assert "Gütersloh" not in page.split("</header>")[0]
    assert "Gütersloh" in html(client, reverse("about")).split("</header>")[0]


# --- the tags themselves ---------------------------------------------------------------------

ENGINE = Engine(libraries={"frame": "aufbruch.core.templatetags.frame"})


def test_a_shared_part_sees_only_its_arguments_and_its_slots_see_everything():
    template = ENGINE.from_string(
        '{% load frame %}{% sharedpart "p" city=city %}[{{ city }}|{{ name }}|'
        '{% slot "who" %}{{ name }}{% endslot %}|{% slot "who" %}again{% endslot %}]'
        "{% endsharedpart %}"
    )
    first = template.render(Context({"city": "Gütersloh", "name": "Anna"}))
    second = template.render(Context({"city": "Gütersloh", "name": "<Bert>"}))
    assert first == "[Gütersloh||Anna|Anna]"
    # the same rendering, Bert's slot escaped; a name used twice is rendered once
    assert second == "[Gütersloh||&lt;Bert&gt;|&lt;Bert&gt;]"
    assert (
        template.render(Context({"city": "Bielefeld", "name": "Carla"}))
        == "[Bielefeld||Carla|Carla]"
    )


def test_a_shared_part_renders_once_per_argument_value():
    calls = []

    class Counted:
        def __str__(self):
            calls.append(1)
            return "x"

    template = ENGINE.from_string(
        '{% load frame %}{% sharedpart "p" k=k %}{{ counted }}{{ k }}{% endsharedpart %}'
    )
    for k in ("a", "b", "a", "b", "a"):
        template.render(Context({"k": k, "counted": Counted()}))
    # ``counted`` is not an argument: never seen inside; two values of k: two renderings
    assert calls == []
    part = template.nodelist.get_nodes_by_type(SharedPartNode)[0]
    assert len(part._rendered) == 2


@pytest.mark.parametrize(
    "source",
    [
        "{% load frame %}{% sharedpart %}x{% endsharedpart %}",
        "{% load frame %}{% sharedpart name %}x{% endsharedpart %}",
        '{% load frame %}{% sharedpart "p" k %}x{% endsharedpart %}',
        '{% load frame %}{% sharedpart "p" %}{% block b %}x{% endblock %}{% endsharedpart %}',
        '{% load frame %}{% slot "a b" %}x{% endslot %}',
        "{% load frame %}{% slot %}x{% endslot %}",
    ],
)
def test_misuse_is_a_template_error(source):
    with pytest.raises(TemplateSyntaxError):
        ENGINE.from_string(source)


def test_the_pages_own_address_is_escaped_in_every_slot(db):
    """The address goes into the login link and the language form's hidden
    field per request: markup in a query string stays text there."""
    client = Client()
    url = reverse("ideas:list") + '?q="><script>alert(1)</script>'
    page = html(client, url)
    assert "<script>alert(1)</script>" not in page
    nav = user_navs(page)[0]
    # the address as Django gives it (percent-encoded), encoded once more for ?next=
    assert "?next=/ideas/%3Fq%3D%2522%253E%253Cscript%253E" in nav
    assert 'name="next" type="hidden" value="/ideas/?q=%22%3E%3Cscript%3E' in page
    # and the next visitor's page is not touched by it
    assert "script" not in user_navs(html(Client(), reverse("ideas:list")))[0]


# --- whole pages shared by many people (core/deferred.py) ------------------------------------


def _deferred_page(rf, user, context: dict):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template.loader import render_to_string

    from aufbruch.core.deferred import fill_deferred, render_deferred

    request = rf.get("/ideas/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    parts = render_deferred(request, lambda: render_to_string("base.html", context, request))
    return request, parts, fill_deferred


def test_a_deferred_page_holds_markers_and_each_request_gets_its_own_parts(rf):
    from aufbruch.core.deferred import CSRF_MARKER

    anna = UserFactory(display_name="Anna Anwohnerin")
    request, parts, fill = _deferred_page(rf, anna, {"csrf_token": CSRF_MARKER})
    shared = "".join(parts)
    assert "Anna Anwohnerin" not in shared
    assert {"slot:user_nav", "slot:messages", "slot:csrf_value"} <= set(parts[1::2])
    assert not TOKEN.search(shared.replace("\0csrf\0", ""))  # markers only
    bert = UserFactory(display_name="Bert Bewohner")
    other, _parts, _fill = _deferred_page(rf, bert, {"csrf_token": CSRF_MARKER})
    page = fill(other, parts)
    assert "Bert Bewohner" in page and "Anna Anwohnerin" not in page and "\0" not in page
    assert TOKEN.search(page)


def test_a_deferred_page_with_a_real_token_is_not_shared(rf):
    from django.template import engines

    from aufbruch.core.deferred import CSRF_MARKER, render_deferred

    request = rf.get("/")
    request.user = UserFactory()
    form = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
    assert render_deferred(request, lambda: form.render({}, request)) is None  # a real token
    shared = render_deferred(request, lambda: form.render({"csrf_token": CSRF_MARKER}, request))
    assert shared == (
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="',
        "csrf",
        '"></form>',
    )


def test_a_page_naming_a_slot_unknown_here_is_rendered_anew(rf):
    from aufbruch.core.deferred import fill_deferred

    request = rf.get("/")
    request.user = UserFactory()
    assert fill_deferred(request, ("<p>", "slot:never_met", "</p>")) is None
