"""Logged-in pages share renderings (issue #15): the idea list by the data
it shows, the idea page's frame and the comment thread by page_version. These
tests load the pages over HTTP as several people at once and check that each
sees their own truth, that their writes show on their next request, and that
odd query strings cannot fill the cache."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create
from aufbruch.comments.tests.fixtures import grant
from aufbruch.core.testing import DepartmentFactory, UserFactory, login_with_mfa
from aufbruch.ideas.services import idea_submit, idea_support
from aufbruch.moderation.services import content_hide

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def scene(topic):
    """An idea by Anna, supported by Bert; comments by both and a hidden one
    by Carla; four visitors with their own sessions."""
    anna = UserFactory(display_name="Anna Anwohnerin")
    bert = UserFactory(display_name="Bert Bewohner")
    carla = UserFactory(display_name="Carla")
    moderator = grant(UserFactory(display_name="Mo"), "moderator")
    guide = grant(UserFactory(display_name="Lotte Lotsin"), "guide", DepartmentFactory())
    idea = idea_submit(author=anna, title="Bänke am Teich", body="Mehr Bänke.", topic=topic)
    idea_support(idea=idea, user=bert)
    by_anna = comment_create(idea=idea, author=anna, body="Antwort von Anna")
    by_bert = comment_create(idea=idea, author=bert, body="Meinung von Bert")
    rude = comment_create(idea=idea, author=carla, body="Verborgener Text")
    content_hide(target=rude, actor=moderator, reason="Beleidigend")
    clients = {name: Client(enforce_csrf_checks=True) for name in ("anna", "bert", "guide", "anon")}
    clients["anna"].force_login(anna)
    clients["bert"].force_login(bert)
    login_with_mfa(clients["guide"], guide)
    return {
        "idea": idea,
        "url": idea.get_absolute_url(),
        "clients": clients,
        "comments": {"anna": by_anna, "bert": by_bert, "rude": rude},
        "topic": topic,
    }


def test_each_viewer_sees_their_own_truth_on_the_same_idea(scene):
    idea, url, clients, comments = scene["idea"], scene["url"], scene["clients"], scene["comments"]
    support = reverse("ideas:support", args=[idea.pk])
    withdraw = reverse("ideas:withdraw", args=[idea.pk])
    edit_idea = reverse("ideas:edit", args=[idea.pk])
    edit_comment = {k: reverse("comments:edit", args=[c.pk]) for k, c in comments.items()}
    # Twice in turns: the second round comes from the shared renderings.
    for _round in range(2):
        pages = {name: page(client, url) for name, client in clients.items()}

        assert withdraw in pages["bert"] and f'action="{support}"' not in pages["bert"]
        for name in ("anna", "guide"):
            assert f'action="{support}"' in pages[name] and withdraw not in pages[name]
        assert support not in pages["anon"] and withdraw not in pages["anon"]

        assert edit_idea in pages["anna"]
        assert all(edit_idea not in pages[n] for n in ("bert", "guide", "anon"))
        assert edit_comment["anna"] in pages["anna"] and edit_comment["bert"] in pages["bert"]
        for name, html in pages.items():
            assert (edit_comment["anna"] in html) == (name == "anna")
            assert (edit_comment["bert"] in html) == (name == "bert")
            assert edit_comment["rude"] not in html

        for name in ("anna", "bert", "anon"):
            assert "Verborgener Text" not in pages[name]
            assert "Meinung von Bert" in pages[name]
        assert "Verborgener Text" in pages["guide"] and "Beleidigend" in pages["guide"]
        assert 'class="ab-hidden-note"' in pages["guide"]

        tokens = {name: set(TOKEN.findall(html)) for name, html in pages.items()}
        assert all(tokens.values())

    # Every token on a page is its session's own: a shared rendering holding
    # another person's token would fail its check (403) here.
    follow = reverse("ideas:follow", args=[idea.pk])
    for name, own in tokens.items():
        for token in own:
            response = clients[name].post(follow, {"csrfmiddlewaretoken": token})
            assert response.status_code == 302, name
    anna_token = next(iter(tokens["anna"]))
    assert clients["bert"].post(follow, {"csrfmiddlewaretoken": anna_token}).status_code == 403


def test_every_write_shows_to_its_author_on_the_next_request(scene):
    idea, url, clients, comments = scene["idea"], scene["url"], scene["clients"], scene["comments"]
    for client in clients.values():
        page(client, url)  # fill every shared rendering first

    def post(name: str, path: str, data: dict | None = None) -> None:
        token = TOKEN.search(page(clients[name], url)).group(1)
        response = clients[name].post(path, {"csrfmiddlewaretoken": token, **(data or {})})
        assert response.status_code == 302, response.content.decode()[:500]

    post("bert", reverse("ideas:withdraw", args=[idea.pk]))
    html = page(clients["bert"], url)
    assert f'action="{reverse("ideas:support", args=[idea.pk])}"' in html
    assert reverse("ideas:withdraw", args=[idea.pk]) not in html

    post("anna", reverse("ideas:support", args=[idea.pk]))
    assert reverse("ideas:withdraw", args=[idea.pk]) in page(clients["anna"], url)

    post("anna", reverse("comments:create", args=[idea.pk]), {"body": "Noch ein Gedanke"})
    html = page(clients["anna"], url)
    new = Comment.objects.get(body="Noch ein Gedanke")
    assert "Noch ein Gedanke" in html and reverse("comments:edit", args=[new.pk]) in html
    assert "Noch ein Gedanke" in page(clients["bert"], url)
    assert reverse("comments:edit", args=[new.pk]) not in page(clients["bert"], url)

    post("bert", reverse("comments:edit", args=[comments["bert"].pk]), {"body": "Bert korrigiert"})
    html = page(clients["bert"], url)
    assert "Bert korrigiert" in html and "Meinung von Bert" not in html

    post(
        "anna",
        reverse("ideas:edit", args=[idea.pk]),
        {"title": "Bänke und Schatten am Teich", "body": "Mehr Bänke.", "topic": scene["topic"].pk},
    )
    assert "Bänke und Schatten am Teich" in page(clients["anna"], url)
    # The list shows it at once to logged-in users, too.
    assert "Bänke und Schatten am Teich" in page(clients["bert"], reverse("ideas:list"))


def test_the_list_shows_a_support_at_once_to_logged_in_users(scene):
    idea, clients = scene["idea"], scene["clients"]
    list_url = reverse("ideas:list")
    assert "1 Unterstützung" in page(clients["bert"], list_url)
    idea_support(idea=idea, user=UserFactory())
    assert "2 Unterstützungen" in page(clients["bert"], list_url)


def _cache_keys() -> set[str]:
    return set(cache._cache.keys())  # the tests' local-memory cache


def test_garbage_query_strings_do_not_grow_the_cache(scene):
    client = scene["clients"]["bert"]
    list_url = reverse("ideas:list")
    page(client, list_url)
    before = _cache_keys()
    for i in range(50):
        page(client, f"{list_url}?utm_source=x{i}&fbclid={i}")
        page(client, f"{list_url}?topic=kein-thema-{i}&sort=garbage{i}")
        page(client, f"{list_url}?page={1000 + i}")
    grown = _cache_keys() - before
    assert len(grown) <= 1, grown  # at most the one page the last request shows
    # The anonymous list does not grow either.
    anon = scene["clients"]["anon"]
    page(anon, list_url)
    before = _cache_keys()
    for i in range(50):
        page(anon, f"{list_url}?utm_source=x{i}")
    assert len(_cache_keys() - before) <= 1


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_logged_in_list_query_count(scene):
    """Session, user, topics, districts, the capped count, the page and the
    unread notifications (the header)."""
    client = scene["clients"]["bert"]
    _queries(client, reverse("ideas:list"))
    assert _queries(client, reverse("ideas:list")) <= 7


def test_logged_in_idea_page_query_count(scene):
    """Shared frame: session, user, the idea with my support and follow, my
    comments and helpful marks in the thread, the unread notifications."""
    for name in ("anna", "bert"):
        client = scene["clients"][name]
        _queries(client, scene["url"])
        assert _queries(client, scene["url"]) <= 5, name


def test_the_logged_in_list_of_the_current_generation_needs_no_list_query(scene):
    """Once rendered, the list is served for its generation: only the
    person's own queries (user, unread notifications) remain; any audited
    change starts a new generation and the next request renders it anew."""
    client, list_url = scene["clients"]["anna"], reverse("ideas:list")
    _queries(client, list_url)
    assert _queries(client, list_url) <= 3
    other = scene["clients"]["bert"]
    assert _queries(other, list_url) <= 3  # shared between residents
    idea_support(idea=scene["idea"], user=UserFactory())
    assert _queries(client, list_url) > 3
    assert "2 Unterstützungen" in page(other, list_url)


@pytest.mark.django_db(transaction=True)
def test_a_list_read_before_a_commit_is_not_served_after_it(scene, rf):
    """The race the second, commit-time generation closes: another request
    reads the data while a support is being written (after its audit entry,
    before its commit) and stores its rendering; after the commit it must
    not be served."""
    from django.db import transaction

    from aufbruch.ideas import page_cache

    list_url = reverse("ideas:list")
    page(scene["clients"]["bert"], list_url)
    request = rf.get(list_url)
    supporter = UserFactory()
    with transaction.atomic():  # a real commit (transactional test)
        idea_support(idea=scene["idea"], user=supporter)  # audit entry: new generation
        racing = page_cache.live_list_lookup(request, "full")  # reads it, misses
        assert racing.html is None and racing.generation
        page_cache.live_list_store(racing, "<p>BEFORE THE COMMIT</p>", valid=True, page_shown=True)
    html = page(scene["clients"]["bert"], list_url)
    assert "BEFORE THE COMMIT" not in html
    assert "2 Unterstützungen" in html


def test_a_list_stored_under_an_earlier_generation_is_not_served(scene, rf):
    from aufbruch.ideas import page_cache

    list_url = reverse("ideas:list")
    page(scene["clients"]["bert"], list_url)
    earlier = page_cache.live_list_lookup(rf.get(list_url), "full")
    assert earlier.html is not None  # the list of this generation
    page_cache.retire_live_lists()
    page_cache.live_list_store(earlier, "<p>OLD</p>", valid=True, page_shown=True)
    assert "OLD" not in page(scene["clients"]["bert"], list_url)


def test_one_commit_starts_one_generation(scene):
    from django.db import connection, transaction

    from aufbruch.ideas import page_cache

    people = [UserFactory() for _ in range(3)]
    with transaction.atomic():
        for person in people:
            idea_support(idea=scene["idea"], user=person)
        waiting = [f for _s, f, _r in connection.run_on_commit if f is page_cache._new_generation]
    assert waiting == [page_cache._new_generation]


# --- the whole page shared by viewers alike (core/deferred.py) -------------------------------


def _helpful_form(html: str, comment) -> str:
    """The "helpful" form of ``comment`` on a page (empty if it has none)."""
    match = re.search(
        rf'<form class="ab-comment-helpful__form"[^>]*>(?:(?!</form>).)*'
        rf'aria-describedby="comment-{comment.pk}-by"[^>]*>[^<]*</button></form>',
        html,
        re.S,
    )
    return match.group(0) if match else ""


def test_helpful_marks_show_pressed_only_for_who_marked_them(scene):
    from aufbruch.comments.services import comment_mark_helpful

    url, clients, comments = scene["url"], scene["clients"], scene["comments"]
    bert = comments["bert"].author
    for client in clients.values():
        page(client, url)  # the shared renderings exist before the mark
    comment_mark_helpful(comment=comments["anna"], user=bert)
    dave = Client(enforce_csrf_checks=True)
    dave.force_login(UserFactory(display_name="Dave"))  # first request: a new rendering
    for _round in range(2):
        pages = {name: page(client, url) for name, client in {**clients, "dave": dave}.items()}
        unmark = reverse("comments:unhelpful", args=[comments["anna"].pk])
        mark = reverse("comments:helpful", args=[comments["anna"].pk])
        assert 'aria-pressed="true"' in _helpful_form(pages["bert"], comments["anna"])
        assert unmark in _helpful_form(pages["bert"], comments["anna"])
        for name in ("guide", "dave"):
            form = _helpful_form(pages[name], comments["anna"])
            assert mark in form and 'aria-pressed="false"' in form, name
        assert "1 Person fand das hilfreich" in pages["anon"]
    # Bert's pressed form carries his own token: withdrawing works.
    token = TOKEN.search(_helpful_form(pages["bert"], comments["anna"])).group(1)
    response = clients["bert"].post(unmark, {"csrfmiddlewaretoken": token, "comments": "oldest"})
    assert response.status_code == 302
    assert 'aria-pressed="false"' in _helpful_form(page(clients["bert"], url), comments["anna"])


def test_a_message_shows_on_the_shared_page_once_and_only_to_its_owner(scene):
    idea, url, clients = scene["idea"], scene["url"], scene["clients"]
    for client in clients.values():
        page(client, url)
    token = TOKEN.search(page(clients["anna"], url)).group(1)
    response = clients["anna"].post(
        reverse("ideas:edit", args=[idea.pk]),
        {
            "csrfmiddlewaretoken": token,
            "title": "Bänke am Teich",
            "body": "Mehr Bänke, bitte.",
            "topic": scene["topic"].pk,
        },
    )
    assert response.status_code == 302
    saved = "Ihre Änderungen sind gespeichert."
    assert saved in page(clients["anna"], url)
    assert saved not in page(clients["anna"], url)  # shown once
    assert saved not in page(clients["bert"], url)


def test_viewers_alike_share_one_rendering_of_the_page(scene):
    """Two residents with the same state get the same page but for their
    own name, token and slots: one shared rendering is stored for both."""
    url = scene["url"]
    eva, fritz = UserFactory(display_name="Eva Erste"), UserFactory(display_name="Fritz Zweiter")
    first, second = Client(), Client()
    first.force_login(eva)
    second.force_login(fritz)
    html_eva = page(first, url)
    keys = {k for k in _cache_keys() if ":person:" in k}
    html_fritz = page(second, url)
    assert {k for k in _cache_keys() if ":person:" in k} == keys and len(keys) == 1
    assert "Eva Erste" in html_eva and "Eva Erste" not in html_fritz
    assert "Fritz Zweiter" in html_fritz and "Fritz Zweiter" not in html_eva
    assert "\0" not in html_eva and "\0" not in html_fritz

    def neutral(html: str, name: str) -> str:
        return TOKEN.sub("", re.sub(r'name="csrf-token" content="[^"]+"', "", html)).replace(
            name, "NAME"
        )

    assert neutral(html_eva, "Eva Erste") == neutral(html_fritz, "Fritz Zweiter")


# --- searches of words kept for the generation --------------------------------------------


def test_a_repeated_search_is_served_for_its_generation_and_a_change_shows_at_once(scene):
    client, other = scene["clients"]["bert"], scene["clients"]["anna"]
    url = reverse("ideas:list") + "?q=Bänke"
    assert "Bänke am Teich" in page(client, url)
    assert _queries(client, url) <= 3  # session, user, unread: no list query
    assert _queries(other, url) <= 3  # shared between residents
    idea_submit(author=UserFactory(), title="Bänke im Park", body="Schatten.", topic=scene["topic"])
    html = page(client, url)
    assert "Bänke im Park" in html and "Bänke am Teich" in html


def test_searches_fill_the_cache_only_within_their_budget(scene, settings):
    settings.IDEA_SEARCH_CACHE_PER_MINUTE = 3
    client = scene["clients"]["bert"]
    list_url = reverse("ideas:list")
    page(client, list_url)
    before = _cache_keys()
    for i in range(20):
        page(client, f"{list_url}?q=Bank{i}")
        page(client, f"{list_url}?q=%3Cscript%3Ealert({i})%3C/script%3E")  # not words: never kept
    kept = {k for k in _cache_keys() - before if ":q=" in k}
    assert len(kept) == 3, kept
    # What was kept is what is served: the searched word is in the box.
    assert 'value="Bank0"' in page(client, f"{list_url}?q=Bank0")


def test_a_blocked_resident_gets_their_own_page_with_their_date(scene):
    from datetime import timedelta

    from django.utils import timezone

    url = scene["url"]
    page(scene["clients"]["bert"], url)  # the residents' shared rendering exists
    blocked = Client()
    blocked.force_login(UserFactory(blocked_until=timezone.now() + timedelta(days=3)))
    keys = {k for k in _cache_keys() if ":person:" in k}
    for _round in range(2):
        html = page(blocked, url)
        assert "Ihr Konto ist von der Moderation bis" in html
        assert 'id="comment-form-new"' not in html
    assert {k for k in _cache_keys() if ":person:" in k} == keys  # nothing stored for them
    assert "Ihr Konto ist von der Moderation bis" not in page(scene["clients"]["bert"], url)


def test_odd_comment_orders_share_the_default_rendering(scene):
    """?comments=… is read through thread_order: unknown values (markup,
    long strings) show the default order and add no rendering of their own."""
    client, url = scene["clients"]["bert"], scene["url"]
    default = page(client, url)
    keys = {k for k in _cache_keys() if ":person:" in k}
    for value in ("%3Cscript%3Ealert(1)%3C/script%3E", "x" * 500, "newest%00", ""):
        html = page(client, f"{url}?comments={value}")
        assert "<script>alert(1)" not in html
        assert html.count("ab-comment-item") == default.count("ab-comment-item")
    assert {k for k in _cache_keys() if ":person:" in k} == keys
