"""Bulk data for the load benchmark (make bench), not for the demo.

Writes users, ideas (with versions), supports and comments with bulk
inserts and keeps every counter consistent with the rows, so the pages
under test do the same work as in production. Run against a dedicated
database: it refuses to run on a database that already has ideas unless
--force is given.
"""

from __future__ import annotations

import csv
import math
import random
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from aufbruch.comments.models import Comment
from aufbruch.core.search import document_terms, search_document
from aufbruch.core.text import render_markdown as _render_markdown
from aufbruch.ideas.models import Idea, IdeaSearchTerm, IdeaStatus, IdeaVersion, Support
from aufbruch.ideas.services import TREND_T0, add_search_words, search_term_rows
from aufbruch.organisation.models import Department, District, Topic


@cache
def render_markdown(text: str) -> str:
    return _render_markdown(text)


TOPICS = [
    "Leben",
    "Arbeiten",
    "Lernen",
    "Verwaltung",
    "Mobilität",
    "Gesundheit",
    "Umwelt",
    "Kultur",
    "Teilhabe",
]
EXTRA_TITLES = [
    "Mehr Fahrradstraßen in {d}",
    "Freies WLAN am Marktplatz in {d}",
    "Online-Termine im Bürgerbüro",
    "Digitale Schultafeln für {d}",
    "Smarte Parkplatzsuche in {d}",
    "Sensoren für Luftqualität in {d}",
]


class Command(BaseCommand):
    help = "Seed a benchmark database with many ideas, supports and comments (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--ideas", type=int, default=100_000)
        parser.add_argument("--supports", type=int, default=1_000_000)
        parser.add_argument("--comments", type=int, default=300_000)
        parser.add_argument("--users", type=int, default=20_000)
        parser.add_argument(
            "--hot-comments", type=int, default=200, help="comments on the benchmark's hot idea"
        )
        parser.add_argument("--force", action="store_true")
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, ideas, supports, comments, users, hot_comments, force, seed, **opts):
        if Idea.objects.exists() and not force:
            raise CommandError(
                "This database already has ideas; use a fresh benchmark database or --force."
            )
        rng = random.Random(seed)
        texts = self._texts()
        topics = [
            Topic.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0] for n in TOPICS
        ]
        districts = [
            District.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0]
            for n in settings.CITY_DISTRICTS
        ]
        Department.objects.get_or_create(
            slug="digitalisierung", defaults={"name": "Fachbereich Digitalisierung"}
        )
        people = self._users(users)
        idea_ids = self._ideas(ideas, supports, people, topics, districts, texts, rng)
        self._supports(idea_ids, people, rng)
        self._comments(idea_ids, people, comments, hot_comments, texts, rng)
        if connection.vendor == "postgresql":
            # VACUUM as well: after bulk inserts the trigram index keeps its
            # new entries in a pending list that every search scans (34 ms
            # instead of 10 ms for one search), until autovacuum merges it.
            with connection.cursor() as cur:
                cur.execute("VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"seeded {len(idea_ids)} ideas; hot idea id {idea_ids[0]}")
        )

    def _texts(self) -> list[str]:
        path = settings.POLIS_DATA_DIR / "comments.csv"
        with open(path, encoding="utf-8") as fh:
            return [row["comment-body"] for row in csv.DictReader(fh) if row["moderated"] != "-1"]

    def _users(self, n: int) -> list[int]:
        User = get_user_model()
        existing = User.objects.filter(email__endswith="@bench.invalid").count()
        rows = [
            User(
                email=f"bench{i}@bench.invalid",
                display_name=f"Teilnehmende {i}",
                password="!",
                birth_year=1940 + i % 70,
            )
            for i in range(existing, n)
        ]
        for start in tqdm(range(0, len(rows), 5000), desc="users", unit="batch"):
            User.objects.bulk_create(rows[start : start + 5000])
        return list(
            User.objects.filter(email__endswith="@bench.invalid")
            .order_by("pk")
            .values_list("pk", flat=True)[:n]
        )

    def _ideas(self, n, total_supports, people, topics, districts, texts, rng) -> list[int]:
        # Support counts follow a heavy tail (a few popular ideas), summing to total_supports.
        weights = [1.0 / (i + 10) ** 0.8 for i in range(n)]
        rng.shuffle(weights)
        scale = total_supports / sum(weights)
        self.support_counts = [min(len(people), int(w * scale)) for w in weights]
        now = timezone.now()
        half_life = settings.TRENDING_HALF_LIFE_DAYS * 86400
        t0 = TREND_T0.timestamp()
        statuses = (
            [IdeaStatus.SUBMITTED] * 6
            + [IdeaStatus.IN_REVIEW] * 2
            + [IdeaStatus.POOL, IdeaStatus.DECIDED, IdeaStatus.IMPLEMENTED]
        )
        created_ids: list[int] = []
        batch = 2000
        vocabulary: set[str] = set()
        for start in tqdm(range(0, n, batch), desc="ideas", unit="batch"):
            rows = []
            for i in range(start, min(n, start + batch)):
                d = districts[i % len(districts)]
                title = (
                    rng.choice(EXTRA_TITLES).format(d=d.name)
                    if i % 7 == 0
                    else rng.choice(texts)[:80]
                ).strip()
                body = rng.choice(texts) + "\n\n" + rng.choice(texts)
                created = now - timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
                topic = topics[i % len(topics)]
                count = self.support_counts[i]
                rows.append(
                    Idea(
                        title=title[:140],
                        body=body,
                        body_html=render_markdown(body),
                        topic=topic,
                        district=d,
                        latitude=51.9069 + rng.uniform(-0.05, 0.05),
                        longitude=8.3785 + rng.uniform(-0.08, 0.08),
                        author_id=people[i % len(people)],
                        status=rng.choice(statuses),
                        support_count=count,
                        comment_count=0,
                        trend_score=count * math.pow(2.0, (created.timestamp() - t0) / half_life),
                        search_text=search_document(title, body, topic.name, d.name),
                    )
                )
            with transaction.atomic():
                made = Idea.objects.bulk_create(rows)
                # The search term table, as idea_submit writes it.
                terms = []
                for m in made:
                    found = document_terms(m.title, m.body, m.topic.name, m.district.name)
                    terms += search_term_rows(m.pk, found)
                    vocabulary.update(found)
                IdeaSearchTerm.objects.bulk_create(terms, batch_size=5000)
                ids = [m.pk for m in made]
                # auto_now_add cannot be set through bulk_create: spread creation dates afterwards
                created_ids.extend(ids)
                IdeaVersion.objects.bulk_create(
                    [
                        IdeaVersion(
                            idea_id=m.pk,
                            number=1,
                            title=m.title,
                            body=m.body,
                            topic_id=m.topic_id,
                            district_id=m.district_id,
                        )
                        for m in made
                    ]
                )
        add_search_words(vocabulary)
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute(
                    "UPDATE ideas_idea SET created_at = now() - (random() * interval '1000 days'), "
                    "last_activity_at = now() - (random() * interval '100 days')"
                )
        return created_ids

    def _supports(self, idea_ids, people, rng):
        rows = []
        total = sum(self.support_counts)
        with tqdm(total=total, desc="supports", unit="row") as bar:
            for idea_id, count in zip(idea_ids, self.support_counts, strict=True):
                for user_id in rng.sample(people, count):
                    rows.append(Support(idea_id=idea_id, user_id=user_id))
                if len(rows) >= 20_000:
                    Support.objects.bulk_create(rows)
                    bar.update(len(rows))
                    rows = []
            if rows:
                Support.objects.bulk_create(rows)
                bar.update(len(rows))

    def _comments(self, idea_ids, people, total, hot, texts, rng):
        """``hot`` comments (a quarter of them replies) on the first idea, the
        rest skewed towards a minority of ideas, as discussions are."""
        hot_id = idea_ids[0]
        top = [
            Comment(
                idea_id=hot_id, author_id=rng.choice(people), body=t, body_html=render_markdown(t)
            )
            for t in (rng.choice(texts) for _ in range(hot - hot // 4))
        ]
        Comment.objects.bulk_create(top)
        replies = [
            Comment(
                idea_id=hot_id,
                parent_id=rng.choice(top).pk,
                author_id=rng.choice(people),
                body=t,
                body_html=render_markdown(t),
            )
            for t in (rng.choice(texts) for _ in range(hot // 4))
        ]
        Comment.objects.bulk_create(replies)
        rows = []
        rest = max(0, total - hot)
        with tqdm(total=rest, desc="comments", unit="row") as bar:
            for _ in range(rest):
                idea_id = idea_ids[1 + int((len(idea_ids) - 2) * rng.random() ** 1.5)]
                body = rng.choice(texts)
                rows.append(
                    Comment(
                        idea_id=idea_id,
                        author_id=rng.choice(people),
                        body=body,
                        body_html=render_markdown(body),
                    )
                )
                if len(rows) >= 10_000:
                    Comment.objects.bulk_create(rows)
                    bar.update(len(rows))
                    rows = []
            if rows:
                Comment.objects.bulk_create(rows)
                bar.update(len(rows))
        with connection.cursor() as cur:
            cur.execute(
                "UPDATE ideas_idea SET comment_count = c.n FROM "
                "(SELECT idea_id, count(*) AS n FROM comments_comment GROUP BY idea_id) AS c "
                "WHERE ideas_idea.id = c.idea_id"
            )
