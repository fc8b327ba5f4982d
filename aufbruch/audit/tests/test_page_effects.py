"""Every audited action says how it changes the public idea pages, so that
recording it keeps the pages anonymous visitors share fresh."""

from __future__ import annotations

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.page_effects import IDEA_PAGE_EFFECTS, IdeaPages


def test_every_action_is_classified():
    unclassified = [a.name for a in AuditAction if a not in IDEA_PAGE_EFFECTS]
    assert not unclassified, (
        f"Say in audit/page_effects.py how these actions change idea pages: {unclassified}"
    )


def test_the_classification_names_only_actions_and_known_effects():
    assert set(IDEA_PAGE_EFFECTS) <= set(AuditAction)
    assert set(IDEA_PAGE_EFFECTS.values()) <= set(IdeaPages)
