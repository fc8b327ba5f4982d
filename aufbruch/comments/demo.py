"""Demo comment threads (seeder order 30), written through the services.

Texts are statements from the Pol.is "Klimarat Produktion & Konsum" export
(CC BY 4.0, attributed on /about/), plus a few short replies."""

from __future__ import annotations

import csv
from datetime import timedelta

from django.utils import timezone

from aufbruch.core.demo import DemoContext
from aufbruch.ideas.models import Idea

REPLIES = [
    "Guter Punkt, das sehe ich genauso.",
    "Das wäre auch für Avenwedde eine gute Lösung.",
    "Wer soll das bezahlen? Gibt es dafür Fördermittel?",
    "Ich habe so etwas in Bielefeld gesehen, dort funktioniert es gut.",
    "Bitte auch an ältere Menschen ohne Smartphone denken.",
    "Das könnte man zuerst in einem Stadtteil ausprobieren.",
    "Ich wäre bereit, dabei ehrenamtlich mitzuhelfen.",
    "Gibt es dazu schon Zahlen von der Stadt?",
]


def polis_texts(ctx: DemoContext) -> list[str]:
    path = ctx.polis_dir / "comments.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [
            row["comment-body"].strip()
            for row in csv.DictReader(fh)
            if row["moderated"] != "-1" and row["comment-body"].strip()
        ]


def seed_comments(ctx: DemoContext) -> None:
    from .models import Comment
    from .services import comment_create, comment_delete

    if Comment.objects.exists():
        return
    people = [
        u for u in ctx.shared.get("participants", []) if not u.is_blocked and not u.is_deleted
    ]
    ideas = list(Idea.objects.filter(is_hidden=False).select_related("author").order_by("pk"))
    texts = polis_texts(ctx) or REPLIES
    if not people or not ideas:
        return
    rng = ctx.rng
    chosen = rng.sample(ideas, k=min(len(ideas), max(1, int(len(ideas) * 0.6))))
    now = timezone.now()
    for idea in ctx.progress(chosen, desc="comments", unit="idea"):
        for _ in range(rng.choice([1, 1, 2, 3, 4, 6])):
            top = comment_create(idea=idea, author=rng.choice(people), body=rng.choice(texts))
            for _ in range(rng.choice([0, 0, 1, 2])):
                replier = rng.choice(people + [idea.author])
                if replier.is_active and not replier.is_deleted:
                    comment_create(idea=idea, author=replier, body=rng.choice(REPLIES), parent=top)
            if rng.random() < 0.03:
                comment_delete(comment=top, actor=top.author)
        # Spread the thread over the time since the idea was submitted.
        span = max(60.0, (now - idea.created_at).total_seconds())
        for c in Comment.objects.filter(idea=idea).order_by("pk"):
            offset = rng.uniform(0, span)
            Comment.objects.filter(pk=c.pk).update(
                created_at=idea.created_at + timedelta(seconds=offset)
            )
