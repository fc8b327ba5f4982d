"""How each audited action changes the public idea pages.

Anonymous visitors share one rendering of an idea page, keyed by the idea
row (``Idea.page_version`` among its fields). So that no writer has to
remember to renew it, every ``AuditAction`` says here what it does to idea
pages, and ``audit_log`` acts on it: for ``SHOWS_TARGET`` it hands the
target to the handlers registered with ``register_page_effect_handler``
(the ideas app registers one; ``audit`` is a lower layer and does not
import it). A test fails when an action is missing here.

- ``NONE``: no idea page shows what the action changes (staff work,
  other formats, or counters that are part of the page's key already).
- ``SHOWS_TARGET``: the idea pages that show the target object (or the
  objects named in the entry's details) must be rendered anew. Which pages
  those are is for the app that owns the target's model to say
  (``ideas.page_cache.register_idea_page_source``).
"""

from __future__ import annotations

from enum import StrEnum

from .actions import AuditAction as A


class IdeaPages(StrEnum):
    NONE = "none"
    SHOWS_TARGET = "shows_target"


N, T = IdeaPages.NONE, IdeaPages.SHOWS_TARGET

IDEA_PAGE_EFFECTS: dict[A, IdeaPages] = {
    # the admin edits any model: whatever page shows the object
    A.ADMIN_ADD: T,
    A.ADMIN_CHANGE: T,
    A.ADMIN_DELETE: T,
    # accounts: the public name shows on ideas and comments
    A.ACCOUNT_SIGNUP: N,
    A.ACCOUNT_PROFILE_UPDATE: T,
    A.ACCOUNT_DATA_EXPORT: N,
    A.ACCOUNT_DELETE: T,
    # ideas: support and follower counts are part of the page's key
    A.IDEA_SUBMIT: N,  # a new idea has no shared rendering yet
    A.IDEA_EDIT: T,
    A.IDEA_SUPPORT: N,
    A.IDEA_SUPPORT_WITHDRAW: N,
    A.IDEA_FOLLOW: N,
    A.IDEA_UNFOLLOW: N,
    A.IDEA_IMAGE_ADD: T,
    A.IDEA_IMAGE_REMOVE: T,
    A.IDEA_ADDRESS_SET: T,
    # comments: the thread on the idea page (and its own cache)
    A.COMMENT_CREATE: T,
    A.COMMENT_EDIT: T,
    A.COMMENT_DELETE: T,
    A.COMMENT_HELPFUL: T,
    A.COMMENT_HELPFUL_UNDO: T,
    # moderation: hiding and restoring changes what the page shows
    A.REPORT_CREATE: N,
    A.CONTENT_HIDE: T,
    A.CONTENT_RESTORE: T,
    A.REPORT_DISMISS: N,
    A.USER_BLOCK: N,
    A.USER_UNBLOCK: N,
    A.OBJECTION_CREATE: N,
    A.OBJECTION_DECIDE: N,
    # guides: the timeline, official responses, status and merges
    A.IDEA_ASSIGN: T,
    A.IDEA_STATUS_CHANGE: T,
    A.IDEA_MERGE: T,
    A.IDEA_INTERNAL_NOTE: N,
    A.IDEA_RESPONSE_PUBLISH: T,
    A.IDEA_RESPONSE_EDIT: T,
    A.IDEA_RESPONSE_SUMMARY: T,
    A.IDEA_ENTERED_FOR_RESIDENT: N,  # a new idea has no shared rendering yet
    A.STAFF_ROLE_GRANT: N,
    A.STAFF_ROLE_REVOKE: N,
    # committees: the committee panel (agenda, decision, its plain summary)
    A.COMMITTEE_MEETING_CREATE: N,
    A.COMMITTEE_AGENDA_CHANGE: T,
    A.COMMITTEE_DECISION: T,
    A.COMMITTEE_PLAIN_SUMMARY: T,
    # only an approved position is public; saving one makes it a draft again
    A.COMMITTEE_POSITION_SAVE: T,
    A.COMMITTEE_POSITION_SUBMIT: N,
    A.COMMITTEE_POSITION_APPROVE: T,
    A.COMMITTEE_POSITION_RETURN: N,
    A.SETTINGS_CHANGE: N,
    A.IDEA_THRESHOLD_REACHED: T,
    # boards: only published recommendations and their answers show
    A.BOARD_CREATE: N,
    A.BOARD_CALL_OPEN: N,
    A.BOARD_APPLICATION_SUBMIT: N,
    A.BOARD_APPLICATION_DECIDE: N,
    A.BOARD_CONSENT_RECORD: N,
    A.BOARD_MEMBERSHIP_CHANGE: N,
    A.BOARD_THREAD_POST: N,
    A.BOARD_DOCUMENT_UPLOAD: N,
    A.BOARD_MEETING_RECORD: N,
    A.BOARD_RECOMMENDATION_DRAFT: N,
    A.BOARD_VOTE_OPEN: N,
    A.BOARD_VOTE_CAST: N,
    A.BOARD_VOTE_CLOSE: N,
    A.BOARD_RECOMMENDATION_PUBLISH: T,
    A.BOARD_RECOMMENDATION_ANSWER: T,
    # meetings: the event an idea came up at ("Entstanden bei")
    A.MEETING_CREATE: N,
    A.MEETING_UPDATE: T,
    A.MEETING_REGISTER: N,
    A.MEETING_CANCEL_REGISTRATION: N,
    A.MEETING_PROMOTE: N,
    A.MEETING_CHECK_IN: N,
    A.MEETING_LIVE_POST: N,
    A.MEETING_LIVE_VOTE: N,
    A.MEETING_LIVE_MODERATE: N,
    A.MEETING_RESULTS_PUBLISH: N,
    A.MEETING_IDEA_LINK: T,
    # learning loop: assumptions an idea is evidence for (wording, status)
    A.SURVEY_CREATE: N,
    A.SURVEY_PUBLISH: N,
    A.SURVEY_CLOSE: N,
    A.SURVEY_RESPONSE: N,
    A.SURVEY_TOKENS_ISSUE: N,
    A.OPINION_MAP_CREATE: N,
    A.OPINION_STATEMENT_ADD: N,
    A.OPINION_STATEMENT_MODERATE: N,
    A.OPINION_VOTE: N,
    A.OPINION_IMPORT: N,
    A.ASSUMPTION_CREATE: N,
    A.ASSUMPTION_EVIDENCE_LINK: T,
    A.ASSUMPTION_REVIEW: T,
    # figures
    A.POPULATION_UPDATE: N,
    A.STATUS_REPORT_ISSUE: N,
    # agenda: "incorporated into" (documents that cite the idea, not drafts)
    A.AGENDA_DOCUMENT_CREATE: N,
    A.AGENDA_DOCUMENT_IMPORT: N,
    A.AGENDA_DOCUMENT_UPDATE: T,
    A.AGENDA_DOCUMENT_PUBLISH: T,
    A.AGENDA_VERSION_PUBLISH: N,
    A.AGENDA_ADOPT: N,
    A.AGENDA_PARAGRAPH_EDIT: N,
    A.AGENDA_COMMENT_CREATE: N,
    A.AGENDA_COMMENT_DELETE: N,
    A.AGENDA_VOTE: N,
    A.AGENDA_AMENDMENT_PROPOSE: N,
    A.AGENDA_AMENDMENT_SUPPORT: N,
    A.AGENDA_AMENDMENT_SUPPORT_WITHDRAW: N,
    A.AGENDA_AMENDMENT_ACCEPT: N,
    A.AGENDA_AMENDMENT_REJECT: N,
    A.AGENDA_AMENDMENT_MERGE: N,
    A.AGENDA_CITATION_ADD: T,
    A.AGENDA_CITATION_REMOVE: T,
    # pages
    A.PAGE_REVISION_SAVE: N,
    A.PAGE_PUBLISH: N,
    A.SIGN_VIDEO_SAVE: N,
    A.SIGN_VIDEO_REMOVE: N,
    # projects: the project section of each idea the project carries
    A.PROJECT_CREATE: T,
    A.PROJECT_EDIT: T,
    A.PROJECT_MILESTONE: T,
    A.PROJECT_UPDATE: T,
    A.PROJECT_COMPLETE: T,
    A.OPARL_IMPORT: N,
    # operations
    A.OPERATIONS_RETENTION: N,
    A.OPERATIONS_RESTORE: N,
}
