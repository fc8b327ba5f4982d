"""Evidence kinds come from the apps that own them (core.evidence): each
registers its model, what is public and what the register shows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from aufbruch.assumptions import selectors, services
from aufbruch.assumptions.models import EvidenceKind
from aufbruch.core import evidence as registry
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit
from aufbruch.meetings.models import Meeting
from aufbruch.opinions.models import Statement
from aufbruch.surveys.models import Question

pytestmark = pytest.mark.django_db


def test_every_kind_but_documents_has_a_source_from_its_app():
    assert registry.evidence_kinds() == set(EvidenceKind.values) - {EvidenceKind.DOCUMENT}
    models = {kind: registry.evidence_source(kind).model for kind in registry.evidence_kinds()}
    assert models == {
        EvidenceKind.SURVEY_QUESTION: Question,
        EvidenceKind.STATEMENT: Statement,
        EvidenceKind.IDEA: Idea,
        EvidenceKind.MEETING: Meeting,
    }


def test_an_idea_shows_its_link_and_supports(assumption, office, user, topic):
    idea = idea_submit(author=user, title="Termine online", body="Bitte online", topic=topic)
    services.evidence_link(
        assumption=assumption, actor=office, kind=EvidenceKind.IDEA, object_id=idea.pk
    )
    (item,) = selectors.evidence_items(assumption)
    assert item["target"] == idea and item["url"] == idea.get_absolute_url()
    assert item["support_count"] == 0 and not item["hidden"]


def test_a_kind_whose_app_is_gone_shows_the_title_only(
    assumption, office, user, topic, monkeypatch
):
    idea = idea_submit(author=user, title="Termine online", body="Bitte online", topic=topic)
    services.evidence_link(
        assumption=assumption, actor=office, kind=EvidenceKind.IDEA, object_id=idea.pk
    )
    sources = {k: v for k, v in registry._sources.items() if k != EvidenceKind.IDEA}
    monkeypatch.setattr(registry, "_sources", sources)
    (item,) = selectors.evidence_items(assumption)
    assert item["target"] is None and item["url"] == "" and item["evidence"].title
    with pytest.raises(ValidationError) as exc:
        services.evidence_link(
            assumption=assumption, actor=office, kind=EvidenceKind.IDEA, object_id=idea.pk
        )
    assert "kind" in exc.value.message_dict
