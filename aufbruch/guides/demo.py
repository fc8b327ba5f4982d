"""Demo (seeder order 40): assignments, official responses and statuses spread
along the decision path (the committees' seeder, order 42, holds the sessions).
Everything goes through the services, so the demo has its audit trail."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from aufbruch.ideas.demo import spread_status_changes
from aufbruch.ideas.models import Idea, IdeaStatus, StatusChange
from aufbruch.ideas.workflow import idea_change_status
from aufbruch.staff.models import StaffRole, StaffRoleKind

from .models import OfficialResponse

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
    from .services import idea_assign, response_publish, response_summary_set

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
        # Dates as a working administration would leave them.
        answered = spread_status_changes(idea=idea, rng=rng, now=now)
        if answered is not None:
            OfficialResponse.objects.filter(idea=idea).update(published_at=answered)
