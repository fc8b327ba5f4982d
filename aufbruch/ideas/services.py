"""State changes of ideas: submit, edit, images, support, follow, recount.

Counters (support_count, follower_count, trend_score) change with F() in the
same transaction as the row that causes them; one-per-person rules are
UniqueConstraints, and a duplicate insert is caught inside a savepoint so a
double click (or two app servers racing) is harmless.

Trending: every support adds ``2 ** ((t - T0) / half_life)`` to the idea's
trend_score, so a support from today weighs twice as much as one from
TRENDING_HALF_LIFE_DAYS ago. Ordering by the sum is the same as ordering by
an exponentially decaying score, but needs no periodic job: the weights only
grow with time, so old scores never have to be rewritten. A withdrawal
subtracts the weight of that support's own created_at.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core import geocoder
from aufbruch.core.images import validate_and_reencode_image
from aufbruch.core.permissions import require
from aufbruch.core.search import document_terms, search_document
from aufbruch.core.text import has_control_characters, render_markdown
from aufbruch.core.validators import CONTROL_CHARACTERS_MESSAGE

from . import page_cache
from .models import (
    Follow,
    Idea,
    IdeaImage,
    IdeaSearchTerm,
    IdeaSource,
    IdeaStatus,
    IdeaVersion,
    SearchWord,
    Support,
)

MAX_IMAGES = 3
TITLE_MAX = Idea._meta.get_field("title").max_length
BODY_MAX = Idea._meta.get_field("body").max_length
ALT_MAX = IdeaImage._meta.get_field("alt_text").max_length
TITLE_MIN = 5
DUPLICATE_WINDOW_MINUTES = 10
_PARTICIPANTS = gettext_lazy("Only registered participants who are not blocked can do this.")
TREND_T0 = datetime(2024, 1, 1, tzinfo=UTC)


def support_weight(at: datetime) -> float:
    """The trend weight of one support given at ``at`` (see module docstring)."""
    half_life = settings.TRENDING_HALF_LIFE_DAYS * 86400
    return 2.0 ** ((at - TREND_T0).total_seconds() / half_life)


def idea_is_editable(idea: Idea) -> bool:
    """Authors may edit until the administration first responds."""
    return (
        idea.first_response_at is None and not idea.is_hidden and idea.status != IdeaStatus.MERGED
    )


def idea_accepts_support(idea: Idea) -> bool:
    return not idea.is_hidden and idea.status != IdeaStatus.MERGED


# --- validation -----------------------------------------------------------------


def _clean_text(*, title: str, body: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    body = (body or "").strip()
    if not title:
        errors["title"] = [_("Please enter a title.")]
    elif has_control_characters(title):
        errors["title"] = [str(CONTROL_CHARACTERS_MESSAGE)]
    elif len(title) < TITLE_MIN:
        errors["title"] = [
            _("The title is too short (at least %(min)s characters).") % {"min": TITLE_MIN}
        ]
    elif len(title) > TITLE_MAX:
        errors["title"] = [
            _("The title is too long (at most %(max)s characters).") % {"max": TITLE_MAX}
        ]
    if not body:
        errors["body"] = [_("Please describe your idea.")]
    elif len(body) > BODY_MAX:
        errors["body"] = [
            _("The text is too long (at most %(max)s characters).") % {"max": BODY_MAX}
        ]
    if errors:
        raise ValidationError(errors)
    return title, body


def _clean_point(latitude: Any, longitude: Any) -> tuple[Decimal | None, Decimal | None]:
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    if latitude in (None, "") or longitude in (None, ""):
        raise ValidationError(
            {"latitude": [_("Please enter both latitude and longitude, or neither.")]}
        )
    try:
        lat = Decimal(str(latitude)).quantize(Decimal("0.000001"))
        lon = Decimal(str(longitude)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"latitude": [_("Please enter the map point as numbers.")]}) from exc
    if not (-90 <= lat <= 90):
        raise ValidationError({"latitude": [_("The latitude must lie between -90 and 90.")]})
    if not (-180 <= lon <= 180):
        raise ValidationError({"longitude": [_("The longitude must lie between -180 and 180.")]})
    return lat, lon


def _clean_topic(topic) -> None:
    if topic is None or not getattr(topic, "is_active", True):
        raise ValidationError({"topic": [_("Please choose a field of action.")]})


def _clean_images(images: Sequence[tuple[Any, str]], *, start: int = 0) -> list[tuple[Any, str]]:
    """Re-encode each (upload, alt text) pair; errors keyed image_N / alt_text_N (1-based)."""
    if start + len(images) > MAX_IMAGES:
        raise ValidationError(
            {"image_1": [_("At most %(max)s images per idea.") % {"max": MAX_IMAGES}]}
        )
    errors: dict[str, list[str]] = {}
    cleaned = []
    for i, (upload, alt_text) in enumerate(images, start=1):
        alt_text = (alt_text or "").strip()
        if not alt_text:
            errors[f"alt_text_{i}"] = [
                _("Please describe what the image shows (for people who cannot see it).")
            ]
        elif len(alt_text) > ALT_MAX:
            errors[f"alt_text_{i}"] = [
                _("The description is too long (at most %(max)s characters).") % {"max": ALT_MAX}
            ]
        try:
            content = validate_and_reencode_image(upload)
        except ValidationError as exc:
            errors[f"image_{i}"] = exc.messages
            continue
        cleaned.append((content, alt_text))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _collect(errors: dict[str, list[str]], check, *args, **kwargs):
    """Run one check; gather its field errors so the form shows all of them at once."""
    try:
        return check(*args, **kwargs)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return None


def _search_parts(idea: Idea) -> tuple[str, str, str, str]:
    return idea.title, idea.body, idea.topic.name, idea.district.name if idea.district_id else ""


def _search_text(idea: Idea) -> str:
    return search_document(*_search_parts(idea))


def search_term_rows(idea_id: int, found: dict[str, bool]) -> list[IdeaSearchTerm]:
    """Unsaved term rows of one idea from ``document_terms``."""
    return [IdeaSearchTerm(idea_id=idea_id, term=t, in_title=title) for t, title in found.items()]


def add_search_words(terms) -> None:
    """Add terms to the typo vocabulary (those already there are skipped)."""
    SearchWord.objects.bulk_create(
        [SearchWord(term=t) for t in sorted(set(terms))], batch_size=2000, ignore_conflicts=True
    )


def _store_search_terms(idea: Idea) -> None:
    """Rewrite the idea's search terms together with its search text."""
    found = document_terms(*_search_parts(idea))
    IdeaSearchTerm.objects.filter(idea=idea).delete()
    IdeaSearchTerm.objects.bulk_create(search_term_rows(idea.pk, found))
    add_search_words(found)


def _save_images(
    idea: Idea, images: list[tuple[Any, str]], *, start_position: int
) -> list[IdeaImage]:
    made = []
    for offset, (content, alt_text) in enumerate(images):
        image = IdeaImage(idea=idea, alt_text=alt_text, position=start_position + offset)
        image.image.save(content.name, content, save=False)
        image.save()
        made.append(image)
    return made


# How many days the city has for its first public response. The guides' process
# settings own the number; guides registers its source in GuidesConfig.ready()
# (ideas sits below guides and never imports it). 21 days until then.
_response_days_source: list[Callable[[], int]] = [lambda: 21]


def register_response_days_source(source: Callable[[], int]) -> None:
    """Let the app that owns the process settings say how many days a response may take."""
    _response_days_source[:] = [source]


def response_days() -> int:
    """Days a new idea has for its first public response (from the registered source)."""
    return int(_response_days_source[0]())


def _record_version(idea: Idea, *, edited_by) -> IdeaVersion:
    """Keep what the idea shows as version ``idea.version``: text, field of
    action, district, map point and images (the history compares them)."""
    images = [
        {"id": pk, "name": name, "alt": alt}
        for pk, name, alt in IdeaImage.objects.filter(idea=idea)
        .order_by("position", "pk")
        .values_list("pk", "image", "alt_text")
    ]
    return IdeaVersion.objects.create(
        idea=idea,
        number=idea.version,
        title=idea.title,
        body=idea.body,
        topic_id=idea.topic_id,
        district_id=idea.district_id,
        latitude=idea.latitude,
        longitude=idea.longitude,
        images=images,
        edited_by=edited_by,
    )


def _new_image_version(idea: Idea, user) -> None:
    """Adding or removing an image is a change of the idea: a new version."""
    Idea.objects.filter(pk=idea.pk).update(version=F("version") + 1)
    idea.refresh_from_db(fields=["version"])
    _record_version(idea, edited_by=user)


# --- submit and edit --------------------------------------------------------------


@transaction.atomic
def idea_submit(
    *,
    author,
    title: str,
    body: str,
    topic,
    district=None,
    latitude=None,
    longitude=None,
    images: Sequence[tuple[Any, str]] = (),
    source: str = IdeaSource.ONLINE,
    entered_by=None,
) -> Idea:
    """Create an idea with its first version; the author follows it.

    ``images`` holds (UploadedFile, alt text) pairs. Ideas from paper cards or
    workshops name the staff member who typed them in as ``entered_by``;
    that account is never shown publicly.
    """
    require(author if entered_by is None else entered_by, "ideas.add_idea", message=_PARTICIPANTS)
    if source not in IdeaSource.values:
        raise ValidationError({"source": [_("Unknown source.")]})
    errors: dict[str, list[str]] = {}
    title, body = _collect(errors, _clean_text, title=title, body=body) or (title, body)
    _collect(errors, _clean_topic, topic)
    latitude, longitude = _collect(errors, _clean_point, latitude, longitude) or (None, None)
    cleaned_images = _collect(errors, _clean_images, list(images))
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    if source == IdeaSource.ONLINE:
        # A double click must not publish the idea twice: online submissions
        # of one author are serialised by a row lock, and an identical idea
        # from the last minutes is returned instead of a copy. (Cards typed
        # in by staff may repeat on purpose: two residents, one wish.)
        list(
            get_user_model()
            .objects.select_for_update()
            .filter(pk=author.pk)
            .values_list("pk", flat=True)
        )
        duplicate = Idea.objects.filter(
            author=author,
            title=title,
            body=body,
            created_at__gte=now - timedelta(minutes=DUPLICATE_WINDOW_MINUTES),
        ).first()
        if duplicate is not None:
            return duplicate
    idea = Idea(
        title=title,
        body=body,
        body_html=render_markdown(body),
        topic=topic,
        district=district,
        latitude=latitude,
        longitude=longitude,
        author=author,
        source=source,
        entered_by=entered_by,
        department=topic.departments.order_by("pk").first(),
        response_due_at=now + timedelta(days=response_days()),
        follower_count=1,
    )
    idea.search_text = _search_text(idea)
    idea.save()
    _store_search_terms(idea)
    _save_images(idea, cleaned_images, start_position=0)
    _record_version(idea, edited_by=entered_by or author)
    schedule_address_lookup(idea)
    Follow.objects.create(idea=idea, user=author)
    audit_log(
        action=AuditAction.IDEA_SUBMIT,
        actor=entered_by or author,
        target=idea,
        details={"source": source, "images": len(cleaned_images), "version": 1},
    )
    return idea


def _lock_editable(idea: Idea, user) -> Idea:
    locked = (
        Idea.objects.select_for_update(of=("self",))
        .select_related("topic", "district")
        .get(pk=idea.pk)
    )
    require(user, "ideas.edit_own_idea", locked, message=_("Only the author can change this idea."))
    if not idea_is_editable(locked):
        raise ValidationError(
            _("This idea can no longer be changed: the administration has already responded.")
        )
    return locked


@transaction.atomic
def idea_edit(
    *, idea: Idea, user, title: str, body: str, topic, district=None, latitude=None, longitude=None
) -> Idea:
    """Save a new version of the text; earlier versions stay visible."""
    locked = _lock_editable(idea, user)
    errors: dict[str, list[str]] = {}
    title, body = _collect(errors, _clean_text, title=title, body=body) or (title, body)
    _collect(errors, _clean_topic, topic)
    latitude, longitude = _collect(errors, _clean_point, latitude, longitude) or (None, None)
    if errors:
        raise ValidationError(errors)
    new = {
        "title": title,
        "body": body,
        "topic_id": topic.pk,
        "district_id": district.pk if district else None,
        "latitude": latitude,
        "longitude": longitude,
    }
    changed = [name for name, value in new.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    for name, value in new.items():
        setattr(locked, name, value)
    locked.topic, locked.district = topic, district
    locked.body_html = render_markdown(body)
    locked.search_text = _search_text(locked)
    locked.version += 1
    moved = "latitude" in changed or "longitude" in changed
    if moved:
        locked.address = ""  # the old point's address; the new one is looked up
    locked.save()
    _store_search_terms(locked)
    _record_version(locked, edited_by=user)
    if moved:
        schedule_address_lookup(locked)
    audit_log(
        action=AuditAction.IDEA_EDIT,
        actor=user,
        target=locked,
        details={"version": locked.version, "fields": changed},
    )
    return locked


def schedule_address_lookup(idea: Idea) -> None:
    """After the commit, look up the address of the idea's map point in the
    background (only with a geocoder configured; the page never waits)."""
    if idea.latitude is None or idea.longitude is None or not geocoder.is_enabled():
        return
    from .tasks import resolve_idea_address

    idea_id, lat, lon = idea.pk, str(idea.latitude), str(idea.longitude)
    transaction.on_commit(lambda: resolve_idea_address.enqueue(idea_id, lat, lon))


@transaction.atomic
def idea_set_address(*, idea_id: int, latitude, longitude, address: str) -> bool:
    """Store the geocoder's address for the point it was asked about. A point
    changed in the meantime keeps its own (later) lookup: nothing is stored.
    Returns whether the address was stored."""
    address = " ".join((address or "").split())[: Idea._meta.get_field("address").max_length]
    if has_control_characters(address):
        return False
    idea = Idea.objects.select_for_update().filter(pk=idea_id).first()
    if (
        idea is None
        or idea.latitude is None
        or idea.latitude != Decimal(str(latitude))
        or idea.longitude != Decimal(str(longitude))
        or idea.address == address
    ):
        return False
    Idea.objects.filter(pk=idea.pk).update(address=address)
    audit_log(
        action=AuditAction.IDEA_ADDRESS_SET,
        actor=None,
        target=idea,
        details={"address": address},
    )
    return True


@transaction.atomic
def idea_image_add(*, idea: Idea, user, upload, alt_text: str) -> IdeaImage:
    locked = _lock_editable(idea, user)
    existing = list(IdeaImage.objects.filter(idea=locked).values_list("position", flat=True))
    cleaned = _clean_images([(upload, alt_text)], start=len(existing))
    (image,) = _save_images(locked, cleaned, start_position=max(existing, default=-1) + 1)
    _new_image_version(locked, user)
    audit_log(
        action=AuditAction.IDEA_IMAGE_ADD,
        actor=user,
        target=locked,
        details={"image": image.pk, "version": locked.version},
    )
    return image


@transaction.atomic
def idea_image_remove(*, image: IdeaImage, user) -> None:
    locked = _lock_editable(image.idea, user)
    if image.idea_id != locked.pk:
        raise PermissionDenied
    image_pk = image.pk
    image.image.delete(save=False)
    image.delete()
    _new_image_version(locked, user)
    audit_log(
        action=AuditAction.IDEA_IMAGE_REMOVE,
        actor=user,
        target=locked,
        details={"image": image_pk, "version": locked.version},
    )


# --- support and follow -------------------------------------------------------------


_SUPPORT_TABLE = Support._meta.db_table
_IDEA_TABLE = Idea._meta.db_table
# The counts the action box shows, as the counter update leaves them.
_COUNTS = ("support_count", "follower_count", "comment_count")
_RETURNING_COUNTS = ", ".join(f"{_IDEA_TABLE}.{name}" for name in _COUNTS)


def _with_counts(idea: Idea, row: Sequence[int] | None) -> Idea:
    """A copy of ``idea`` carrying the counts of ``row`` (the caller's object
    stays as it was)."""
    fresh = copy.copy(idea)
    if row is not None:
        for name, value in zip(_COUNTS, row, strict=True):
            setattr(fresh, name, value)
    return fresh


def _insert_support(*, idea: Idea, user) -> tuple[int, datetime, Sequence[int]] | None:
    """Insert the support row unless this person already supports the idea
    (the unique constraint decides, also between concurrent requests) and add
    it to the idea's counters; None when it existed. Support is the platform's
    most frequent write, so on PostgreSQL this is one statement: the insert
    and the counter update (an UPDATE that re-reads the locked row, so
    concurrent supports all count) in one data-modifying CTE, returning the
    new counts for the response. Elsewhere (SQLite) two statements."""
    now = timezone.now()
    weight = support_weight(now)
    insert = (
        f"INSERT INTO {_SUPPORT_TABLE} (idea_id, user_id, created_at) VALUES (%s, %s, %s) "
        "ON CONFLICT (idea_id, user_id) DO NOTHING RETURNING id"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH new AS ({insert}) "  # noqa: S608 - table names from the models
                f"UPDATE {_IDEA_TABLE} SET support_count = support_count + 1, "
                "trend_score = trend_score + %s "
                f"FROM new WHERE {_IDEA_TABLE}.id = %s RETURNING new.id, {_RETURNING_COUNTS}",
                [idea.pk, user.pk, now, weight, idea.pk],
            )
            row = cursor.fetchone()
            return None if row is None else (row[0], now, row[1:])
        cursor.execute(insert, [idea.pk, user.pk, now])
        row = cursor.fetchone()
        if row is None:
            return None
        cursor.execute(
            f"UPDATE {_IDEA_TABLE} SET support_count = support_count + 1, "  # noqa: S608
            f"trend_score = trend_score + %s WHERE id = %s RETURNING {_RETURNING_COUNTS}",
            [weight, idea.pk],
        )
        return row[0], now, cursor.fetchone()


@transaction.atomic
def idea_support(*, idea: Idea, user) -> Support:
    """Support an idea once; a second call returns the existing support.
    ``support.idea`` carries the idea's counts after this support (for the
    response; on a repeated call the counts read with ``idea``)."""
    require(user, "ideas.participate", idea, message=_PARTICIPANTS)
    if not idea_accepts_support(idea):
        raise ValidationError(_("This idea can no longer be supported."))
    inserted = _insert_support(idea=idea, user=user)
    if inserted is None:
        existing = Support.objects.get(idea=idea, user=user)
        existing.idea = _with_counts(idea, None)
        return existing
    pk, created_at, counts = inserted
    audit_log(action=AuditAction.IDEA_SUPPORT, actor=user, target=idea)
    return Support(pk=pk, idea=_with_counts(idea, counts), user=user, created_at=created_at)


@transaction.atomic
def idea_withdraw_support(*, idea: Idea, user) -> Idea:
    """Withdraw a support; withdrawing twice changes nothing. Returns a copy
    of the idea with its counts after the withdrawal (two statements: the
    delete returns the support's time, the counter update the new counts)."""
    require(user, "ideas.participate", idea, message=_PARTICIPANTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_SUPPORT_TABLE} WHERE idea_id = %s AND user_id = %s "  # noqa: S608
            "RETURNING created_at",
            [idea.pk, user.pk],
        )
        row = cursor.fetchone()
        if row is None:
            return _with_counts(idea, None)
        created_at = row[0]
        if isinstance(created_at, str):  # SQLite returns the text it stored
            created_at = Support._meta.get_field("created_at").to_python(created_at)
        if timezone.is_naive(created_at):
            created_at = timezone.make_aware(created_at, UTC)
        cursor.execute(
            f"UPDATE {_IDEA_TABLE} SET support_count = support_count - 1, "  # noqa: S608
            f"trend_score = trend_score - %s WHERE id = %s RETURNING {_RETURNING_COUNTS}",
            [support_weight(created_at), idea.pk],
        )
        counts = cursor.fetchone()
    audit_log(action=AuditAction.IDEA_SUPPORT_WITHDRAW, actor=user, target=idea)
    return _with_counts(idea, counts)


@transaction.atomic
def idea_follow(*, idea: Idea, user) -> Follow:
    require(user, "ideas.participate", idea, message=_PARTICIPANTS)
    if idea.is_hidden and idea.author_id != user.pk:
        raise ValidationError(_("This idea cannot be followed."))
    try:
        with transaction.atomic():
            follow = Follow.objects.create(idea=idea, user=user)
    except IntegrityError:
        return Follow.objects.get(idea=idea, user=user)
    Idea.objects.filter(pk=idea.pk).update(follower_count=F("follower_count") + 1)
    audit_log(action=AuditAction.IDEA_FOLLOW, actor=user, target=idea)
    return follow


@transaction.atomic
def idea_unfollow(*, idea: Idea, user) -> None:
    require(user, "ideas.unfollow", idea)
    deleted, _unused = Follow.objects.filter(idea=idea, user=user).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk).update(follower_count=F("follower_count") - 1)
        audit_log(action=AuditAction.IDEA_UNFOLLOW, actor=user, target=idea)


# --- writes on behalf of other apps ------------------------------------------------------
# Other apps change an idea's row only through these functions; each is called
# inside the calling service's transaction, which writes the audit entry.


def idea_assigned(*, idea_id: int, department, assignee) -> None:
    """The guides gave the idea to a department and (optionally) a guide."""
    Idea.objects.filter(pk=idea_id).update(
        department=department, assignee=assignee, updated_at=timezone.now()
    )


def idea_responded(*, idea: Idea, at: datetime) -> None:
    """An official response was published on the idea at ``at``; the first one
    stops the response clock. (The shared page is renewed by the response's
    audit entry: audit.page_effects.)"""
    updates: dict[str, Any] = {"last_activity_at": at}
    if idea.first_response_at is None:
        updates["first_response_at"] = at
    Idea.objects.filter(pk=idea.pk).update(**updates)


def idea_flag_written_response(*, idea_id: int) -> bool:
    """Mark that the idea needs a written response (its supports reached the
    threshold). Conditional, so of two concurrent runs only one returns True."""
    return bool(
        Idea.objects.filter(pk=idea_id, needs_written_response=False).update(
            needs_written_response=True
        )
    )


def idea_comment_added(*, idea_id: int) -> None:
    """A visible comment was published on the idea."""
    Idea.objects.filter(pk=idea_id).update(
        comment_count=F("comment_count") + 1,
        last_activity_at=timezone.now(),
    )


def idea_comment_count_set(*, idea_id: int, count) -> None:
    """Set the idea's comment counter to ``count`` (a number or a query
    expression the comments app computes). A recount repairs drift without an
    audit entry of its own, so it renews the shared page itself."""
    Idea.objects.filter(pk=idea_id).update(
        comment_count=count,
        page_version=F("page_version") + 1,
    )
    page_cache.retire_live_lists()


@transaction.atomic
def idea_recount(*, idea_id: int) -> None:
    """Recompute the idea's counters from its rows (repairs any drift)."""
    Idea.objects.select_for_update().filter(pk=idea_id).values_list("pk", flat=True).first()
    times = list(Support.objects.filter(idea_id=idea_id).values_list("created_at", flat=True))
    Idea.objects.filter(pk=idea_id).update(
        support_count=len(times),
        trend_score=sum(support_weight(t) for t in times),
        follower_count=Follow.objects.filter(idea_id=idea_id).count(),
    )
    page_cache.retire_live_lists()


# --- accounts: export and deletion ----------------------------------------------------


def export_user_ideas(user) -> dict[str, Any]:
    """The user's ideas, supports and follows for the data export."""
    ideas = [
        {
            "id": idea.pk,
            "title": idea.title,
            "body": idea.body,
            "status": idea.status,
            "field_of_action": idea.topic.name,
            "district": idea.district.name if idea.district_id else None,
            "latitude": str(idea.latitude) if idea.latitude is not None else None,
            "longitude": str(idea.longitude) if idea.longitude is not None else None,
            "submitted_at": idea.created_at.isoformat(),
            "version": idea.version,
            "url": settings.SITE_URL + idea.get_absolute_url(),
            "earlier_versions": [
                {
                    "number": v.number,
                    "title": v.title,
                    "body": v.body,
                    "field_of_action": v.topic.name,
                    "district": v.district.name if v.district_id else None,
                    "latitude": str(v.latitude) if v.latitude is not None else None,
                    "longitude": str(v.longitude) if v.longitude is not None else None,
                    "images": [row.get("alt", "") for row in v.images or []],
                    "saved_at": v.created_at.isoformat(),
                }
                for v in idea.versions.all()
            ],
            "images": [
                {
                    "url": settings.SITE_URL + image.image.url,
                    "description": image.alt_text,
                    "added_at": image.created_at.isoformat(),
                }
                for image in idea.images.all()
            ],
        }
        for idea in Idea.objects.filter(author=user)
        .select_related("topic", "district")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=IdeaVersion.objects.select_related("topic", "district").order_by("number"),
            ),
            "images",
        )
        .order_by("created_at")
    ]
    supports = [
        {"idea": idea_id, "title": title, "supported_at": at.isoformat()}
        for idea_id, title, at in Support.objects.filter(user=user)
        .order_by("created_at")
        .values_list("idea_id", "idea__title", "created_at")
    ]
    follows = [
        {"idea": idea_id, "title": title, "since": at.isoformat()}
        for idea_id, title, at in Follow.objects.filter(user=user)
        .order_by("created_at")
        .values_list("idea_id", "idea__title", "created_at")
    ]
    return {"ideas": ideas, "supports": supports, "follows": follows}


def anonymise_user_ideas(user) -> None:
    """Account deletion: ideas stay with the anonymised author ("gelöschtes
    Konto"). Supports stay too: after anonymisation they no longer point to a
    person, and deleting them would change published counts (and the support
    threshold) after the fact. Follows only serve notifications, so they are
    removed and the follower counts decremented. Earlier versions of the
    person's ideas are deleted: they may hold what the author edited out
    (a phone number, a name), and nobody can ask for that any more."""
    IdeaVersion.objects.filter(idea__author=user, number__lt=F("idea__version")).delete()
    for idea_id in list(Follow.objects.filter(user=user).values_list("idea_id", flat=True)):
        deleted, _unused = Follow.objects.filter(user=user, idea_id=idea_id).delete()
        if deleted:
            Idea.objects.filter(pk=idea_id).update(follower_count=F("follower_count") - 1)
