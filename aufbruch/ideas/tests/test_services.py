import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from aufbruch.accounts import services as account_services
from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.ideas.models import (
    Follow,
    Idea,
    IdeaImage,
    IdeaSource,
    IdeaStatus,
    IdeaVersion,
    Support,
)
from aufbruch.ideas.selectors import idea_search, idea_sort, idea_visible_to
from aufbruch.ideas.services import (
    anonymise_user_ideas,
    export_user_ideas,
    idea_edit,
    idea_follow,
    idea_image_add,
    idea_image_remove,
    idea_recount,
    idea_submit,
    idea_support,
    idea_unfollow,
    idea_withdraw_support,
    support_weight,
)

from .conftest import png_upload

pytestmark = pytest.mark.django_db


def audit_actions(idea):
    return list(
        AuditEntry.objects.filter(target_id=str(idea.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- submit -------------------------------------------------------------------------


def test_submit_creates_first_version_search_text_follow_and_audit(user, topic, district):
    department = DepartmentFactory()
    department.topics.add(topic)
    idea = idea_submit(
        author=user,
        title="  Mehr Fahrradstraßen  ",
        body="Für **sichere** Wege.",
        topic=topic,
        district=district,
    )
    assert idea.title == "Mehr Fahrradstraßen"
    assert "<strong>sichere</strong>" in idea.body_html
    assert " fahrradstrass " in idea.search_text and " avenwedd" in idea.search_text
    assert idea.department == department
    assert idea.response_due_at is not None
    assert list(IdeaVersion.objects.filter(idea=idea).values_list("number", "title")) == [
        (1, "Mehr Fahrradstraßen")
    ]
    assert Follow.objects.filter(idea=idea, user=user).exists()
    assert Idea.objects.get(pk=idea.pk).follower_count == 1
    assert audit_actions(idea) == ["idea.submit"]


def test_submit_renders_script_and_javascript_links_inert(user, topic):
    idea = idea_submit(
        author=user,
        title="Harmloser Titel",
        topic=topic,
        body='<script>alert(1)</script> [klick](javascript:alert(1)) <img src=x onerror="alert(1)">',
    )
    assert "<script" not in idea.body_html and "&lt;script&gt;" in idea.body_html
    assert "<a " not in idea.body_html and 'href="javascript' not in idea.body_html
    assert "<img" not in idea.body_html


def test_submit_with_image_reencodes_and_keeps_alt_text(user, topic):
    idea = idea_submit(
        author=user,
        title="Idee mit Bild",
        body="Text",
        topic=topic,
        images=[(png_upload(), "Ein roter Platz")],
    )
    (image,) = IdeaImage.objects.filter(idea=idea)
    assert image.alt_text == "Ein roter Platz"
    assert image.width == 40 and image.height == 30
    assert image.image.name.startswith(f"ideas/{idea.pk}/") and image.image.name.endswith(".jpg")


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 141}, "title"),
        ({"body": ""}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"topic": None}, "topic"),
        ({"latitude": "51.9"}, "latitude"),
        ({"latitude": "abc", "longitude": "8.3"}, "latitude"),
        ({"latitude": "95", "longitude": "8.3"}, "latitude"),
        ({"images": [(png_upload(), "")]}, "alt_text_1"),
        (
            {
                "images": [
                    (
                        SimpleUploadedFile(
                            "x.png", b"<html><script>alert(1)</script></html>", "image/png"
                        ),
                        "Bild",
                    )
                ]
            },
            "image_1",
        ),
        (
            {
                "images": [
                    (png_upload(), "a"),
                    (png_upload(), "b"),
                    (png_upload(), "c"),
                    (png_upload(), "d"),
                ]
            },
            "image_1",
        ),
    ],
)
def test_submit_rejects_bad_input_in_german_and_saves_nothing(user, topic, kwargs, field):
    data = {"title": "Ein guter Titel", "body": "Ein Text", "topic": topic, **kwargs}
    with pytest.raises(ValidationError) as exc:
        idea_submit(author=user, **data)
    assert field in exc.value.message_dict
    assert (
        Idea.objects.count() == 0
        and IdeaImage.objects.count() == 0
        and AuditEntry.objects.count() == 0
    )


def test_submit_rejects_a_50_mb_upload(user, topic):
    big = SimpleUploadedFile("gross.jpg", b"\xff\xd8" + b"0" * (50 * 1024 * 1024), "image/jpeg")
    with pytest.raises(ValidationError) as exc:
        idea_submit(
            author=user, title="Zu großes Bild", body="Text", topic=topic, images=[(big, "Bild")]
        )
    assert "zu groß" in " ".join(exc.value.message_dict["image_1"])
    assert Idea.objects.count() == 0


def test_blocked_user_cannot_submit(blocked_user, topic):
    with pytest.raises(PermissionDenied):
        idea_submit(author=blocked_user, title="Gesperrte Idee", body="Text", topic=topic)
    assert Idea.objects.count() == 0


def test_double_submit_returns_the_same_idea(user, topic):
    first = idea_submit(author=user, title="Doppelklick", body="Text", topic=topic)
    second = idea_submit(author=user, title="Doppelklick", body="Text", topic=topic)
    assert first.pk == second.pk and Idea.objects.count() == 1


def test_identical_paper_cards_are_both_kept(user, other_user, topic):
    for _ in range(2):
        idea_submit(
            author=user,
            title="Mehr Bänke",
            body="Am Markt",
            topic=topic,
            source=IdeaSource.PAPER,
            entered_by=other_user,
        )
    assert Idea.objects.count() == 2


def test_blocked_staff_cannot_enter_ideas(user, blocked_user, topic):
    with pytest.raises(PermissionDenied):
        idea_submit(
            author=user,
            title="Von der Karte",
            body="x",
            topic=topic,
            source=IdeaSource.PAPER,
            entered_by=blocked_user,
        )
    assert Idea.objects.count() == 0


def test_paper_idea_keeps_who_typed_it_in(user, other_user, topic):
    idea = idea_submit(
        author=user,
        title="Von der Papierkarte",
        body="Text",
        topic=topic,
        source=IdeaSource.PAPER,
        entered_by=other_user,
    )
    assert idea.source == "paper" and idea.entered_by == other_user
    assert IdeaVersion.objects.get(idea=idea).edited_by == other_user


# --- edit -----------------------------------------------------------------------------


def test_edit_adds_a_version_and_recomputes_text(idea, user, topic):
    edited = idea_edit(
        idea=idea, user=user, title="Mehr sichere Radwege", body="Neuer *Text*", topic=topic
    )
    assert edited.version == 2 and "<em>Text</em>" in edited.body_html
    assert " radweg " in edited.search_text and "fahrradstrass" not in edited.search_text
    assert list(
        IdeaVersion.objects.filter(idea=idea).order_by("number").values_list("number", "title")
    ) == [
        (1, "Mehr Fahrradstraßen"),
        (2, "Mehr sichere Radwege"),
    ]
    assert audit_actions(idea) == ["idea.submit", "idea.edit"]


def test_edit_without_changes_adds_no_version(idea, user, topic):
    idea_edit(idea=idea, user=user, title=idea.title, body=idea.body, topic=topic)
    assert IdeaVersion.objects.filter(idea=idea).count() == 1


def test_only_the_author_can_edit(idea, other_user, topic):
    with pytest.raises(PermissionDenied):
        idea_edit(idea=idea, user=other_user, title="Fremd geändert", body="x", topic=topic)
    assert Idea.objects.get(pk=idea.pk).version == 1


def test_edit_is_forbidden_after_the_first_response(idea, user, topic):
    Idea.objects.filter(pk=idea.pk).update(first_response_at=timezone.now())
    with pytest.raises(ValidationError):
        idea_edit(idea=idea, user=user, title="Zu spät geändert", body="x", topic=topic)
    assert Idea.objects.get(pk=idea.pk).title == "Mehr Fahrradstraßen"


def test_edit_rejects_too_long_title(idea, user, topic):
    with pytest.raises(ValidationError) as exc:
        idea_edit(idea=idea, user=user, title="x" * 141, body="x", topic=topic)
    assert "title" in exc.value.message_dict
    assert IdeaVersion.objects.filter(idea=idea).count() == 1


def test_image_add_and_remove_by_author_only(idea, user, other_user):
    image = idea_image_add(idea=idea, user=user, upload=png_upload(), alt_text="Skizze")
    with pytest.raises(PermissionDenied):
        idea_image_remove(image=image, user=other_user)
    idea_image_remove(image=image, user=user)
    assert not IdeaImage.objects.filter(idea=idea).exists()
    assert audit_actions(idea)[-2:] == ["idea.image_add", "idea.image_remove"]


def test_at_most_three_images(idea, user):
    for n in range(3):
        idea_image_add(idea=idea, user=user, upload=png_upload(), alt_text=f"Bild {n}")
    with pytest.raises(ValidationError):
        idea_image_add(idea=idea, user=user, upload=png_upload(), alt_text="zu viel")
    assert IdeaImage.objects.filter(idea=idea).count() == 3


# --- support and follow --------------------------------------------------------------------


def test_support_is_unique_and_withdrawable(idea, other_user):
    first = idea_support(idea=idea, user=other_user)
    again = idea_support(idea=idea, user=other_user)
    assert first.pk == again.pk
    idea.refresh_from_db()
    assert idea.support_count == 1 and idea.trend_score == pytest.approx(
        support_weight(first.created_at)
    )
    idea_withdraw_support(idea=idea, user=other_user)
    idea_withdraw_support(idea=idea, user=other_user)
    idea.refresh_from_db()
    assert idea.support_count == 0 and idea.trend_score == pytest.approx(
        0, abs=1e-6 * support_weight(first.created_at)
    )
    assert audit_actions(idea) == ["idea.submit", "idea.support", "idea.support_withdraw"]


def test_no_support_on_hidden_or_merged_ideas(make_idea, user, other_user):
    hidden = make_idea(user, title="Versteckt")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    hidden.refresh_from_db()
    merged = make_idea(user, title="Zusammengeführt")
    Idea.objects.filter(pk=merged.pk).update(status=IdeaStatus.MERGED)
    merged.refresh_from_db()
    for target in (hidden, merged):
        with pytest.raises(ValidationError):
            idea_support(idea=target, user=other_user)
    assert Support.objects.count() == 0


def test_blocked_user_cannot_support(idea, blocked_user):
    with pytest.raises(PermissionDenied):
        idea_support(idea=idea, user=blocked_user)
    assert Support.objects.count() == 0


def test_trending_weighs_recent_supports_more(make_idea, user):
    old = make_idea(user, title="Alte Idee mit zwei Stimmen")
    new = make_idea(user, title="Neue Idee mit einer Stimme")
    people = UserFactory.create_batch(3)
    idea_support(idea=old, user=people[0])
    idea_support(idea=old, user=people[1])
    idea_support(idea=new, user=people[2])
    Support.objects.filter(idea=old).update(created_at=timezone.now() - timedelta(days=60))
    idea_recount(idea_id=old.pk)
    ids = lambda sort: list(idea_sort(Idea.objects.all(), sort).values_list("pk", flat=True))  # noqa: E731
    assert ids("trending") == [new.pk, old.pk]
    assert ids("supported") == [old.pk, new.pk]


def test_withdraw_subtracts_the_weight_of_that_support(idea, other_user, user):
    third = UserFactory()
    idea_support(idea=idea, user=other_user)
    idea_support(idea=idea, user=third)
    Support.objects.filter(user=other_user).update(created_at=timezone.now() - timedelta(days=30))
    idea_recount(idea_id=idea.pk)
    idea_withdraw_support(idea=idea, user=other_user)
    idea.refresh_from_db()
    remaining = Support.objects.get(idea=idea).created_at
    assert idea.trend_score == pytest.approx(support_weight(remaining), rel=1e-9)


def test_follow_and_unfollow_count(idea, other_user):
    idea_follow(idea=idea, user=other_user)
    idea_follow(idea=idea, user=other_user)
    assert Idea.objects.get(pk=idea.pk).follower_count == 2
    idea_unfollow(idea=idea, user=other_user)
    idea_unfollow(idea=idea, user=other_user)
    assert Idea.objects.get(pk=idea.pk).follower_count == 1
    assert audit_actions(idea) == ["idea.submit", "idea.follow", "idea.unfollow"]


def test_recount_repairs_drift(idea, other_user):
    idea_support(idea=idea, user=other_user)
    Idea.objects.filter(pk=idea.pk).update(support_count=99, follower_count=0, trend_score=0)
    idea_recount(idea_id=idea.pk)
    idea.refresh_from_db()
    assert (idea.support_count, idea.follower_count) == (1, 1) and idea.trend_score > 0


# --- selectors -------------------------------------------------------------------------------


def test_search_finds_inflected_and_compound_forms(make_idea, user):
    hit = make_idea(
        user, title="Mehr Fahrradstraßen in der Innenstadt", body="Radfahren soll sicherer werden."
    )
    make_idea(user, title="Freies WLAN am Markt", body="Internet für alle.")
    for q in ("Fahrradstraße", "fahrradstrasse", "Straße", "Innenstädte"):
        assert list(idea_search(Idea.objects.all(), q)) == [hit], q


def test_submit_and_edit_keep_the_exact_search_terms(make_idea, user, topic):
    from aufbruch.ideas.models import IdeaSearchTerm, SearchWord

    idea = make_idea(user, title="Radwegebau an der Bahnhofstraße", body="Mehr Bäume pflanzen.")

    def stored():
        return dict(IdeaSearchTerm.objects.filter(idea=idea).values_list("term", "in_title"))

    terms = stored()
    # Stem and parts of each compound (also a known part at the end of an
    # unknown compound), title terms marked; stopwords are not stored.
    for term in ("radwegebau", "rad", "weg", "bau", "bahnhofstrass", "strass"):
        assert terms[term] is True, term
    assert terms["baum"] is False and "der" not in terms
    assert SearchWord.objects.filter(term="radwegebau").exists()
    idea_edit(idea=idea, user=user, title="Obstbäume am Schulhof", body="Äpfel.", topic=topic)
    terms = stored()
    assert "radwegebau" not in terms and "strass" not in terms
    assert terms["schul"] is True and terms["baum"] is True
    assert list(idea_search(Idea.objects.all(), "Radweg")) == []
    assert list(idea_search(Idea.objects.all(), "Baum")) == [idea]


def test_search_finds_a_known_part_at_the_end_of_an_unknown_compound(make_idea, user):
    hit = make_idea(user, title="Zebrastreifen an der Bahnhofstraße", body="Bitte.")
    make_idea(user, title="Freies WLAN am Markt", body="Internet für alle.")
    assert list(idea_search(Idea.objects.all(), "Straßen")) == [hit]


def test_hidden_ideas_visible_to_author_and_staff_only(idea, user, other_user, staff_user, client):
    from django.contrib.auth.models import AnonymousUser

    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    assert idea_visible_to(user).filter(pk=idea.pk).exists()
    assert idea_visible_to(staff_user).filter(pk=idea.pk).exists()
    assert not idea_visible_to(other_user).filter(pk=idea.pk).exists()
    assert not idea_visible_to(AnonymousUser()).filter(pk=idea.pk).exists()


# --- accounts: export and deletion --------------------------------------------------------------


def test_export_contains_ideas_supports_and_follows(idea, user, other_user):
    other_idea = idea_submit(
        author=other_user, title="Idee der anderen", body="Text", topic=idea.topic
    )
    idea_support(idea=other_idea, user=user)
    assert account_services._exporters["ideas"] is export_user_ideas
    data = export_user_ideas(user)
    assert [i["title"] for i in data["ideas"]] == ["Mehr Fahrradstraßen"]
    assert [s["idea"] for s in data["supports"]] == [other_idea.pk]
    assert {f["idea"] for f in data["follows"]} == {idea.pk}


def test_account_deletion_keeps_supports_counted_and_drops_follows(idea, user, other_user):
    idea_support(idea=idea, user=other_user)
    idea_follow(idea=idea, user=other_user)
    assert anonymise_user_ideas in account_services._anonymisers
    anonymise_user_ideas(other_user)
    idea.refresh_from_db()
    assert idea.support_count == 1 and Support.objects.filter(idea=idea).count() == 1
    assert idea.follower_count == 1 and not Follow.objects.filter(user=other_user).exists()
    idea_recount(idea_id=idea.pk)
    idea.refresh_from_db()
    assert (idea.support_count, idea.follower_count) == (1, 1)


# --- concurrency (PostgreSQL) ---------------------------------------------------------------------


def _run_in_threads(fns):
    errors = []
    barrier = threading.Barrier(len(fns))

    def run(fn):
        try:
            barrier.wait()
            fn()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(fn,)) for fn in fns]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_people_supporting_at_once_are_all_counted(topic):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")
    author = UserFactory()
    idea = idea_submit(author=author, title="Beliebte Idee", body="Text", topic=topic)
    people = UserFactory.create_batch(20)
    errors = _run_in_threads([lambda u=u: idea_support(idea=idea, user=u) for u in people])
    assert errors == []
    idea.refresh_from_db()
    assert idea.support_count == 20 == Support.objects.filter(idea=idea).count()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_person_double_supporting_at_once_counts_once(topic):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")
    author, fan = UserFactory(), UserFactory()
    idea = idea_submit(author=author, title="Doppelte Stimme", body="Text", topic=topic)
    errors = _run_in_threads([lambda: idea_support(idea=idea, user=fan) for _ in range(10)])
    assert errors == []
    idea.refresh_from_db()
    assert idea.support_count == 1 == Support.objects.filter(idea=idea).count()


def test_page_counts_only_up_to_the_cap(make_idea, user, monkeypatch):
    from aufbruch.ideas import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    for i in range(8):
        make_idea(user, title=f"Idee {i}", body=f"Text {i}")
    qs = idea_sort(Idea.objects.all(), "new")
    page = selectors.idea_page(qs, page=3, per_page=2)
    assert (page.total, page.total_is_capped, page.has_next) == (5, True, True)
    assert [i.title for i in page.items] == ["Idee 3", "Idee 2"]
    assert page.page_range[-1] == 4
    last = selectors.idea_page(qs, page=4, per_page=2)
    assert [i.title for i in last.items] == ["Idee 1", "Idee 0"] and not last.has_next


def test_search_ranks_the_newest_window_and_says_more_beyond_it(make_idea, user, monkeypatch):
    """The newest matches are ranked (title before text), one beyond the
    count cap, so that the page says "more than"; older matches are left
    out; a hidden idea drops out of the rows and the count."""
    from aufbruch.ideas import selectors

    monkeypatch.setattr(selectors, "RANK_WINDOW", 3)
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    oldest_title_match = make_idea(user, title="Radweg am Wall", body="Text")
    in_text = [make_idea(user, title=f"Idee {i}", body="Ein Radweg fehlt") for i in range(3)]
    title_match = make_idea(user, title="Radweg zur Schule", body="Text")
    qs = idea_sort(idea_search(selectors.idea_list_public(), "Radweg"), "relevance")
    page = selectors.idea_page(qs, page=1, per_page=10)
    assert (page.total, page.total_is_capped) == (3, True)
    assert [i.pk for i in page.items] == [title_match.pk, *(i.pk for i in reversed(in_text))]
    assert oldest_title_match.pk not in [i.pk for i in page.items]
    Idea.objects.filter(pk=title_match.pk).update(is_hidden=True)
    qs = idea_sort(idea_search(selectors.idea_list_public(), "Radweg"), "relevance")
    page = selectors.idea_page(qs, page=1, per_page=10)
    assert [i.pk for i in page.items] == [i.pk for i in reversed(in_text)]
    assert (page.total, page.total_is_capped) == (3, False)


def test_search_page_counts_matches(make_idea, user):
    from aufbruch.ideas import selectors

    for i in range(5):
        make_idea(user, title=f"Radweg {i}", body="Fahrradstraßen bauen")
    make_idea(user, title="Freies WLAN", body="Internet")
    qs = idea_sort(idea_search(Idea.objects.all(), "Fahrradstraße"), "new")
    page = selectors.idea_page(qs, page=2, per_page=2)
    assert (page.total, page.total_is_capped, page.number) == (5, False, 2)
    assert [i.title for i in page.items] == ["Radweg 2", "Radweg 1"]
    assert page.page_range == [1, 2, 3]
