"""Reporting needs an active account; the queue, hiding, restoring and
blocking belong to moderators and the programme office (not to guides)."""

from datetime import timedelta

import rules
from django.utils import timezone

from aufbruch.staff.predicates import is_active_participant, is_moderator, is_staff_member

OBJECTION_DAYS = 183  # six months (DSA Art. 20(1))


@rules.predicate
def may_object(user, decision) -> bool:
    """The author may object to hiding; the reporters whose report the
    decision settled may object to keeping the content visible."""
    from .models import DecisionAction

    if decision is None or not getattr(user, "is_authenticated", False) or user.is_deleted:
        return False
    if timezone.now() > decision.created_at + timedelta(days=OBJECTION_DAYS):
        return False
    if decision.action == DecisionAction.HIDE:
        return decision.author_id == user.pk
    return decision.reports.filter(reporter=user).exists()


rules.add_perm("moderation.report_content", is_active_participant)
rules.add_perm("moderation.moderate", is_moderator)
rules.add_perm("moderation.object_to_decision", may_object)
# Staff accounts cannot be blocked (a moderator would lock a colleague out).
rules.add_perm("moderation.exempt_from_blocking", is_staff_member)
