"""Demo comment threads (seeder order 30), written through the services.

Each demo idea gets the comments written for it (ideas.demo.COMMENTS_BY_TITLE),
from demo participants other than the author, and now and then the author's
short reply. Ideas from elsewhere in the demo (workshop cards) get a few of
the general replies below. The Klimarat statements stay with the opinion map."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from aufbruch.core.demo import DemoContext
from aufbruch.ideas.demo import COMMENTS_BY_TITLE
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


AUTHOR_REPLIES = [
    "Danke, das nehme ich in meine Idee mit auf.",
    "Guter Hinweis, daran hatte ich nicht gedacht.",
    "Genau so war es gemeint. Danke fürs Mitdenken!",
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
    if not people or not ideas:
        return
    rng = ctx.rng
    now = timezone.now()
    for idea in ctx.progress(ideas, desc="comments", unit="idea"):
        texts = COMMENTS_BY_TITLE.get(idea.title)
        if texts is None:  # not one of the written demo ideas
            texts = rng.sample(REPLIES, k=rng.choice([0, 0, 1, 2]))
        others = [u for u in people if u.pk != idea.author_id] or people
        for text in texts:
            top = comment_create(idea=idea, author=rng.choice(others), body=text)
            author = idea.author
            if rng.random() < 0.3 and author.is_active and not author.is_deleted:
                comment_create(
                    idea=idea, author=author, body=rng.choice(AUTHOR_REPLIES), parent=top
                )
            if rng.random() < 0.03:
                comment_delete(comment=top, actor=top.author)
        # Spread the thread over the time since the idea was submitted.
        span = max(60.0, (now - idea.created_at).total_seconds())
        thread = list(Comment.objects.filter(idea=idea).order_by("pk"))
        offsets = sorted(rng.uniform(0, span) for _ in thread)  # replies after their comment
        for c, offset in zip(thread, offsets, strict=True):
            Comment.objects.filter(pk=c.pk).update(
                created_at=idea.created_at + timedelta(seconds=offset)
            )
