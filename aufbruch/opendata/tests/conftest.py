# ruff: noqa: F811 - pytest fixtures imported from other conftests are parameters here
"""A small world with public and staff-only content in every app. Every
staff-only text contains "GEHEIM", so a test can search every API answer,
feed and export for it. Ideas, statuses, responses, notes, committee
decisions and projects are made through their services; the other apps'
objects are written directly (their services are tested in their apps)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from aufbruch.assumptions.models import Assumption, Review
from aufbruch.boards.models import Board, Recommendation, RecommendationAnswer
from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create
from aufbruch.committees.models import AgendaItem
from aufbruch.committees.services import agenda_add, meeting_create, meeting_record_decisions
from aufbruch.core.testing import DistrictFactory, UserFactory
from aufbruch.guides.services import internal_note_add, response_publish
from aufbruch.guides.tests.conftest import (  # noqa: F401
    author,
    department,
    follower,
    guide,
    idea,
    office,
    supporter,
)
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit
from aufbruch.ideas.workflow import idea_change_status
from aufbruch.meetings.models import Meeting
from aufbruch.opinions.models import OpinionMap, Statement
from aufbruch.projects.services import milestone_add, project_create, project_post_update
from aufbruch.surveys.models import Answer, Option, Question, Response, Section, Survey

SECRET = "GEHEIM"


def _walk(idea, actor, *steps):
    for s in steps:
        idea_change_status(idea=idea, actor=actor, to_status=s, explanation=f"Öffentlich: {s}")


@pytest.fixture
def world(idea, office, guide, author, department, topic, supporter, follower):
    now = timezone.now()
    district = DistrictFactory(name="Avenwedde", slug="avenwedde")
    Idea.objects.filter(pk=idea.pk).update(district=district)
    hidden = idea_submit(author=author, title=f"{SECRET} versteckte Idee", body="x", topic=topic)
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True, hidden_reason=f"{SECRET} Grund")
    internal_note_add(idea=idea, actor=guide, text=f"{SECRET} interne Notiz")
    response_publish(idea=idea, actor=guide, text="Öffentliche Stellungnahme des Fachbereichs.")
    comment = comment_create(idea=idea, author=author, body=f"{SECRET} ausgeblendeter Kommentar")
    Comment.objects.filter(pk=comment.pk).update(is_hidden=True)
    _walk(idea, office, "in_review", "pool")
    decided_meeting = meeting_create(
        actor=office, committee="Hauptausschuss", date=date(2026, 3, 1), reference="HA/2026/1"
    )
    item = agenda_add(meeting=decided_meeting, idea=Idea.objects.get(pk=idea.pk), actor=office)
    meeting_record_decisions(
        meeting=decided_meeting,
        actor=office,
        decisions={item.pk: ("adopted", "Einstimmig beschlossen.")},
    )
    _walk(Idea.objects.get(pk=idea.pk), office, "feasibility", "pilot")
    project = project_create(
        actor=office,
        title="Reallabor WLAN",
        goal="Freies WLAN.",
        department=department,
        ideas=[Idea.objects.get(pk=idea.pk)],
        budget_planned="5000",
    )
    milestone_add(project=project, actor=guide, title="Router bestellt", due_on=date(2026, 6, 1))
    project_post_update(
        project=project, actor=guide, title="Erster Bericht", body="Router hängen.", progress=40
    )

    # an upcoming session whose decision is only drafted (not recorded): never public
    pooled = idea_submit(
        author=author, title="Digitale Sprechstunde", body="Per Video.", topic=topic
    )
    _walk(pooled, office, "in_review", "pool")
    upcoming = meeting_create(
        actor=office,
        committee="Hauptausschuss",
        date=date.today() + timedelta(days=30),
        reference="HA/2026/9",
    )
    draft = agenda_add(meeting=upcoming, idea=Idea.objects.get(pk=pooled.pk), actor=office)
    AgendaItem.objects.filter(pk=draft.pk).update(
        decision="declined", explanation=f"{SECRET} Beschlussentwurf"
    )

    Meeting.objects.create(
        title="Digitalgipfel",
        description_html="<p>Öffentlich</p>",
        kind="summit",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
        capacity=50,
        registration_opens_at=now,
        registration_closes_at=now + timedelta(days=2),
        is_published=True,
        organiser=office,
        minutes=f"{SECRET} Protokoll-Entwurf",
        results=f"{SECRET} unveröffentlichte Ergebnisse",
        results_html=f"<p>{SECRET} unveröffentlichte Ergebnisse</p>",
    )
    Meeting.objects.create(
        title=f"{SECRET} unveröffentlichte Veranstaltung",
        kind="workshop",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
        capacity=5,
        registration_opens_at=now,
        registration_closes_at=now,
        is_published=False,
        organiser=office,
    )

    board = Board.objects.create(
        name="Morgenmacher", slug="morgenmacher", purpose="U30", term_start=date(2019, 10, 1)
    )
    published = Recommendation.objects.create(
        board=board,
        title="Hackathon",
        body_html="<p>Macht einen Hackathon.</p>",
        author=author,
        status="closed",
        yes_count=12,
        no_count=2,
        member_count=18,
        quorum_reached=True,
        adopted=True,
        published_at=now,
    )
    published.ideas.add(idea, hidden)
    RecommendationAnswer.objects.create(
        recommendation=published,
        department=department,
        body_html="<p>Wir prüfen das.</p>",
        author=guide,
    )
    Recommendation.objects.create(
        board=board, title=f"{SECRET} Entwurf", body_html=f"{SECRET}", author=author
    )

    survey = Survey.objects.create(
        title="Digitale Angebote",
        status="published",
        opens_at=now - timedelta(days=10),
        closes_at=now - timedelta(days=1),
        results_visibility="after_close",
        created_by=office,
    )
    section = Section.objects.create(survey=survey, title="Teil 1")
    question = Question.objects.create(
        survey=survey, section=section, kind="single", text="Nutzen Sie das Bürgerportal?"
    )
    yes, no = (
        Option.objects.create(question=question, label="Ja", position=1),
        Option.objects.create(question=question, label="Nein", position=2),
    )
    text_q = Question.objects.create(
        survey=survey, section=section, kind="long_text", text="Was fehlt?", position=2
    )
    old, young = date.today().year - 45, date.today().year - 20
    for n in range(12):  # 11 people aged 45 (shown), 1 aged 20 (below the threshold of 10)
        person = UserFactory(
            birth_year=young if n == 0 else old, district=district if n < 3 else None
        )
        response = Response.objects.create(
            survey=survey, user=person, submitted_on=date.today(), updated_on=date.today()
        )
        Answer.objects.create(response=response, question=question, option=yes if n % 3 else no)
        Answer.objects.create(response=response, question=text_q, text=f"{SECRET} Freitext {n}")
    staff_only = Survey.objects.create(
        title=f"{SECRET} interne Umfrage",
        status="published",
        opens_at=now - timedelta(days=10),
        closes_at=now - timedelta(days=1),
        results_visibility="staff",
        created_by=office,
    )

    opinion_map = OpinionMap.objects.create(question="Wie digital soll die Stadt sein?")
    Statement.objects.create(opinion_map=opinion_map, text="Mehr Online-Termine", state="accepted")
    Statement.objects.create(
        opinion_map=opinion_map, text=f"{SECRET} wartet auf Moderation", state="pending"
    )

    assumption = Assumption.objects.create(
        wording="Junge Menschen nutzen Apps",
        original_wording="Junge Menschen nutzen Apps",
        topic=topic,
        owner=guide,
        review_due_on=date(2027, 1, 1),
        created_by=office,
    )
    Review.objects.create(
        assumption=assumption,
        outcome="confirmed",
        reasoning="Umfrage",
        reasoning_html="<p>Umfrage bestätigt</p>",
        previous_wording=assumption.wording,
        reviewed_on=date(2026, 2, 1),
        reviewed_by=office,
    )
    return {
        "idea": Idea.objects.get(pk=idea.pk),
        "hidden": hidden,
        "meeting": decided_meeting,
        "project": project,
        "survey": survey,
        "staff_survey": staff_only,
        "opinion_map": opinion_map,
        "assumption": assumption,
        "recommendation": published,
        "upcoming": upcoming,
        "district": district,
        "topic": topic,
        "author": author,
    }
