"""Demo: a plain-language summary for the last session's first adoption, and
the next session with ideas from the project pool and an approved position
of the administration; before that, one past session with a decided agenda
(after the guides' seeder has moved ideas into the pool)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from aufbruch.core.demo import DemoContext
from aufbruch.ideas.models import Idea, IdeaStatus

from . import positions, services
from .models import AgendaItem, CommitteeMeeting, Decision

SUMMARY = (
    "Der Hauptausschuss findet die Idee gut. Die Stadt prüft jetzt ein Jahr lang, "
    "ob und wie sie umgesetzt werden kann. Danach wird sie ausprobiert."
)


def seed(ctx: DemoContext) -> None:
    office = (ctx.shared.get("staff") or {}).get("office") or get_user_model().objects.filter(
        staff_roles__role="office"
    ).first()
    if office is None:
        return
    _seed_past_session(office)
    adopted = (
        AgendaItem.objects.filter(
            decision=Decision.ADOPTED, meeting__decided_at__isnull=False, plain_summary=""
        )
        .order_by("meeting__date", "position")
        .first()
    )
    if adopted is not None and not AgendaItem.objects.exclude(plain_summary="").exists():
        services.agenda_item_set_plain_summary(item=adopted, actor=office, text=SUMMARY)
    today = timezone.localdate()
    if CommitteeMeeting.objects.filter(date__gt=today).exists():
        return
    pool = list(
        Idea.objects.filter(status=IdeaStatus.POOL, is_hidden=False).order_by(
            "-support_count", "pk"
        )[:3]
    )
    if not pool:
        return
    meeting_date = today + timedelta(days=21)
    meeting = services.meeting_create(
        actor=office,
        committee="Hauptausschuss",
        date=meeting_date,
        reference=f"HA/{meeting_date.year}/01",
    )
    items = [services.agenda_add(meeting=meeting, idea=idea, actor=office) for idea in pool]
    positions.position_save(
        item=items[0],
        actor=office,
        position=(
            "Die Verwaltung unterstützt die Idee. Sie passt zum Handlungsfeld und lässt sich "
            "mit vorhandener Technik in einem Reallabor erproben."
        ),
        proposed_resolution=(
            "Der Hauptausschuss beauftragt die Verwaltung, die Machbarkeit zu prüfen und "
            "binnen zwölf Monaten zu berichten."
        ),
        cost_estimate="25.000,00",
        cost_note="Sachkosten für das erste Jahr, geschätzt",
    )
    positions.position_submit(item=items[0], actor=office)
    positions.position_review(item=items[0], actor=office, approve=True)


def _seed_past_session(office) -> None:
    """One past session of the Hauptausschuss with a decided agenda."""
    if CommitteeMeeting.objects.exists():
        return
    pool = list(
        Idea.objects.filter(status=IdeaStatus.POOL, is_hidden=False).order_by(
            "-support_count", "pk"
        )[:6]
    )
    if not pool:
        return
    today = timezone.localdate()
    meeting = services.meeting_create(
        actor=office,
        committee="Hauptausschuss",
        date=today - timedelta(days=14),
        reference="HA/2026/07",
    )
    items = [services.agenda_add(meeting=meeting, idea=idea, actor=office) for idea in pool]
    choices = [
        Decision.ADOPTED,
        Decision.ADOPTED,
        Decision.BACK_TO_POOL,
        Decision.ADOPTED,
        Decision.BACK_TO_POOL,
        Decision.DECLINED,
    ]
    texts = {
        Decision.ADOPTED: "Der Hauptausschuss beschließt, die Idee als Projekt weiterzuverfolgen. Es folgt die Machbarkeitsprüfung.",
        Decision.BACK_TO_POOL: "Der Hauptausschuss stellt die Idee zurück; sie bleibt im Projektpool für die nächste Runde.",
        Decision.DECLINED: "Der Hauptausschuss lehnt die Idee ab, weil die Stadt hierfür nicht zuständig ist.",
    }
    services.meeting_record_decisions(
        meeting=meeting,
        actor=office,
        decisions={
            item.pk: (choice, texts[choice]) for item, choice in zip(items, choices, strict=False)
        },
    )
