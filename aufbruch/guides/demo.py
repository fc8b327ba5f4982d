"""Demo (seeder order 40): assignments, official responses and statuses spread
along the decision path, and one committee meeting with a decided agenda.
Everything goes through the services, so the demo has its audit trail."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from aufbruch.ideas.models import Idea, IdeaStatus
from aufbruch.staff.models import StaffRole, StaffRoleKind

from .models import StatusChange
from .selectors import guide_settings

S = IdeaStatus
PATHS = [
    # (share of ideas, statuses to walk through)
    (0.30, []),
    (0.20, [S.IN_REVIEW]),
    (0.25, [S.IN_REVIEW, S.POOL]),
    (0.05, [S.IN_REVIEW, S.POOL, S.DECIDED, S.FEASIBILITY]),
    # "implemented" is reached through a project (projects/demo.py completes some)
    (0.07, [S.IN_REVIEW, S.POOL, S.DECIDED, S.FEASIBILITY, S.PILOT]),
    (0.08, [S.IN_REVIEW, S.DECLINED]),
]
EXPLANATIONS = {
    S.IN_REVIEW: "Der Fachbereich prüft die Idee und meldet sich mit einer Stellungnahme.",
    S.POOL: "Die Idee ist geprüft und kommt in den Projektpool. Der Hauptausschuss entscheidet einmal im Jahr.",
    S.DECIDED: "Der Hauptausschuss hat die Idee als Projekt beschlossen.",
    S.FEASIBILITY: "Die zwölfmonatige Machbarkeitsprüfung beginnt.",
    S.PILOT: "Die Idee wird in einem Reallabor erprobt.",
    S.DECLINED: "Die Idee lässt sich so nicht umsetzen: Die Zuständigkeit liegt beim Kreis Gütersloh. "
    "Wir haben die Anregung dorthin weitergegeben.",
}
RESPONSES = [
    "Vielen Dank für Ihre Idee. Der Fachbereich hat sie geprüft: Sie passt zur Digitalen Agenda "
    "und wird im Projektpool für die nächste Entscheidung des Hauptausschusses vorgemerkt.",
    "Danke für den Vorschlag! Ähnliche Anregungen gab es bereits im Zukunftsforum. "
    "Wir prüfen Kosten und Datenschutz und berichten hier über das Ergebnis.",
    "Wir haben Ihre Idee mit den beteiligten Stellen besprochen. Eine Umsetzung ist möglich, "
    "braucht aber Mittel aus dem Haushalt des kommenden Jahres.",
]
# "Kurz und einfach": the same responses in plain language (Leichte Sprache rules).
SUMMARIES = [
    "Danke für Ihre Idee.\nDie Idee ist gut für die Stadt.\n"
    "Die Idee kommt in den Projekt-Pool.\nDer Ausschuss entscheidet dann über die Idee.",
    "Danke für Ihre Idee.\nAndere Menschen hatten eine ähnliche Idee.\n"
    "Wir prüfen jetzt: Was kostet die Idee?\nUnd: Sind die Daten sicher?\n"
    "Das Ergebnis schreiben wir hier auf.",
    "Danke für Ihre Idee.\nDie Stadt kann die Idee machen.\n"
    "Aber die Stadt braucht dafür Geld.\nDas Geld gibt es erst im nächsten Jahr.",
]


def _staff(ctx) -> tuple[object | None, dict[int, object]]:
    staff = ctx.shared.get("staff") or {}
    office = (
        staff.get("office")
        or get_user_model().objects.filter(staff_roles__role=StaffRoleKind.OFFICE).first()
    )
    guides: dict[int, object] = {}
    for role in (
        StaffRole.objects.filter(role=StaffRoleKind.GUIDE).select_related("user").order_by("pk")
    ):
        guides.setdefault(role.department_id, role.user)
    return office, guides


def seed_guides(ctx) -> None:
    from aufbruch.committees.services import agenda_add, meeting_create, meeting_record_decisions

    from .services import idea_assign, response_publish, response_summary_set
    from .workflow import idea_change_status

    if StatusChange.objects.exists():
        return
    office, guides = _staff(ctx)
    if office is None:
        return
    rng = ctx.rng
    ideas = list(
        Idea.objects.filter(is_hidden=False, status=S.SUBMITTED)
        .select_related("department")
        .order_by("created_at")
    )
    if not ideas:
        return
    # Deadlines as if each idea had been submitted on its (back-dated) day.
    Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(
        response_due_at=F("created_at") + timedelta(days=guide_settings().response_days)
    )
    now = timezone.now()
    weights = [share for share, _path in PATHS]
    for idea in ctx.progress(ideas, desc="guides", unit="idea"):
        actor = guides.get(idea.department_id) or office
        (path,) = rng.choices([p for _s, p in PATHS], weights=weights)
        if idea.department_id and rng.random() < 0.7:
            assignee = guides.get(idea.department_id)
            if assignee is not None:
                idea_assign(idea=idea, actor=office, department=idea.department, assignee=assignee)
        for step, status in enumerate(path):
            # The committee decides; the guides handle the other steps.
            who = office if status in (S.DECIDED,) else actor
            idea_change_status(
                idea=idea,
                actor=who,
                to_status=status,
                explanation=EXPLANATIONS[status],
                decided_at=(now - timedelta(days=120)).date() if status == S.DECIDED else None,
                reference="HA/2025/31" if status == S.DECIDED else "",
            )
            if step == 0 and idea.department_id and rng.random() < 0.6:
                text = rng.choice(RESPONSES)
                response = response_publish(idea=idea, actor=actor, text=text)
                if idea.pk % 2 == 0:
                    response_summary_set(
                        response=response,
                        actor=actor,
                        summary=SUMMARIES[RESPONSES.index(text)],
                    )
        _working_administration_timeline(idea, rng, now)

    _seed_committee(ctx, office, meeting_create, agenda_add, meeting_record_decisions)


def _working_administration_timeline(idea, rng, now) -> None:
    """Dates as a working administration would leave them: the review starts
    within days, the first public answer follows within about three weeks,
    later steps weeks or months apart (squeezed for young ideas, never in the
    future)."""
    from .models import OfficialResponse

    changes = list(StatusChange.objects.filter(idea=idea).order_by("pk"))
    if not changes:
        return
    offsets, total = [], 0.0
    for n in range(len(changes)):
        total += rng.uniform(1, 6) if n == 0 else rng.uniform(20, 80)
        offsets.append(total)
    answer = offsets[0] + rng.uniform(2, 18)
    available = max(0.1, (now - idea.created_at).total_seconds() / 86400 - 0.05)
    squeeze = min(1.0, available / max(offsets[-1], answer))
    for change, days in zip(changes, offsets, strict=True):
        change.created_at = idea.created_at + timedelta(days=days * squeeze)
    StatusChange.objects.bulk_update(changes, ["created_at"])
    answered = idea.created_at + timedelta(days=answer * squeeze)
    OfficialResponse.objects.filter(idea=idea).update(published_at=answered)
    # the first public step (a status with its explanation) is the first answer
    Idea.objects.filter(pk=idea.pk, first_response_at__isnull=False).update(
        first_response_at=changes[0].created_at
    )


def _seed_committee(ctx, office, meeting_create, agenda_add, meeting_record_decisions) -> None:
    from aufbruch.committees.models import CommitteeMeeting, Decision

    if CommitteeMeeting.objects.exists():
        return
    pool = list(
        Idea.objects.filter(status=S.POOL, is_hidden=False).order_by("-support_count", "pk")[:6]
    )
    if not pool:
        return
    today = timezone.localdate()
    meeting = meeting_create(
        actor=office,
        committee="Hauptausschuss",
        date=today - timedelta(days=14),
        reference="HA/2026/07",
    )
    items = [agenda_add(meeting=meeting, idea=idea, actor=office) for idea in pool]
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
    meeting_record_decisions(
        meeting=meeting,
        actor=office,
        decisions={
            item.pk: (choice, texts[choice]) for item, choice in zip(items, choices, strict=False)
        },
    )
