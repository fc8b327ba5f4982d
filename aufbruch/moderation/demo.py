"""Demo moderation queue (seeder order 45): reports on comments and ideas,
one comment hidden with a reason. Through the services, so the audit log
shows them too."""

from __future__ import annotations

from aufbruch.core.demo import DemoContext

from .models import Report, ReportReason
from .registry import reportable
from .services import content_hide, report_create

EXPLANATIONS = [
    "Der Ton ist beleidigend.",
    "Das hat mit der Idee nichts zu tun.",
    "Hier wird Werbung für eine Firma gemacht.",
    "",
]


def seed_moderation(ctx: DemoContext) -> None:
    if Report.objects.exists():
        return
    people = [
        u for u in ctx.shared.get("participants", []) if not u.is_blocked and not u.is_deleted
    ]
    moderator = ctx.shared.get("staff", {}).get("moderator")
    # Through the registry (the comments and ideas apps register their content).
    comments = _public("comment", 400)
    ideas = _public("idea", 200)
    if len(people) < 4 or not comments:
        return
    rng = ctx.rng
    reasons = [
        ReportReason.INSULT,
        ReportReason.OFF_TOPIC,
        ReportReason.SPAM,
        ReportReason.PERSONAL_DATA,
    ]
    targets = rng.sample(comments, k=min(8, len(comments))) + rng.sample(
        ideas, k=min(3, len(ideas))
    )
    for target in targets:
        reporters = [
            p
            for p in rng.sample(people, k=min(len(people), rng.randint(1, 4)))
            if p.pk != target.author_id
        ]
        for reporter in reporters:
            reason = rng.choice(reasons)
            report_create(
                reporter=reporter,
                target=target,
                reason=reason,
                explanation=rng.choice(EXPLANATIONS),
            )
    if moderator is not None:
        content_hide(
            target=targets[0],
            actor=moderator,
            reason="Der Kommentar enthält eine persönliche Beleidigung und verstößt gegen unsere Netiquette (Punkt 2: respektvoller Umgang).",
        )


def _public(kind: str, limit: int) -> list:
    entry = reportable(kind)
    if entry is None:
        return []
    return list(entry.queryset().select_related("author")[:limit])
