"""Reporting needs an active account; the queue, hiding, restoring and
blocking belong to moderators and the programme office (not to guides)."""

import rules

from aufbruch.staff.predicates import is_active_participant, is_moderator

rules.add_perm("moderation.report_content", is_active_participant)
rules.add_perm("moderation.moderate", is_moderator)
