"""Every state change on the platform has an action here.

The column is a plain string (no DB choices), so adding an action needs no
migration. Keep each app's actions in its own block.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # the Django admin (any model)
    ADMIN_ADD = "admin.add", _("Added in the admin")
    ADMIN_CHANGE = "admin.change", _("Changed in the admin")
    ADMIN_DELETE = "admin.delete", _("Deleted in the admin")
    # accounts
    ACCOUNT_SIGNUP = "account.signup", _("Account created")
    ACCOUNT_PROFILE_UPDATE = "account.profile_update", _("Profile updated")
    ACCOUNT_DATA_EXPORT = "account.data_export", _("Personal data exported")
    ACCOUNT_DELETE = "account.delete", _("Account deleted")
    # ideas
    IDEA_SUBMIT = "idea.submit", _("Idea submitted")
    IDEA_EDIT = "idea.edit", _("Idea edited")
    IDEA_SUPPORT = "idea.support", _("Idea supported")
    IDEA_SUPPORT_WITHDRAW = "idea.support_withdraw", _("Support withdrawn")
    IDEA_FOLLOW = "idea.follow", _("Idea followed")
    IDEA_UNFOLLOW = "idea.unfollow", _("Idea unfollowed")
    IDEA_IMAGE_ADD = "idea.image_add", _("Image added")
    IDEA_IMAGE_REMOVE = "idea.image_remove", _("Image removed")
    IDEA_ADDRESS_SET = "idea.address_set", _("Address of the map point looked up")
    # comments
    COMMENT_CREATE = "comment.create", _("Comment written")
    COMMENT_EDIT = "comment.edit", _("Comment edited")
    COMMENT_DELETE = "comment.delete", _("Comment deleted")
    COMMENT_HELPFUL = "comment.helpful", _("Comment marked helpful")
    COMMENT_HELPFUL_UNDO = "comment.helpful_undo", _("Helpful mark withdrawn")
    # moderation
    REPORT_CREATE = "moderation.report", _("Content reported")
    CONTENT_HIDE = "moderation.hide", _("Content hidden")
    CONTENT_RESTORE = "moderation.restore", _("Content restored")
    REPORT_DISMISS = "moderation.dismiss", _("Report dismissed")
    USER_BLOCK = "moderation.block", _("User blocked")
    USER_UNBLOCK = "moderation.unblock", _("User unblocked")
    OBJECTION_CREATE = "moderation.objection", _("Objection to a moderation decision")
    OBJECTION_DECIDE = "moderation.objection_decide", _("Objection decided")
    # guides (Digitale Lotsen) — issue 3
    IDEA_ASSIGN = "guides.assign", _("Idea assigned")
    IDEA_STATUS_CHANGE = "guides.status_change", _("Status changed")
    IDEA_MERGE = "guides.merge", _("Idea merged")
    IDEA_INTERNAL_NOTE = "guides.internal_note", _("Internal note written")
    IDEA_RESPONSE_PUBLISH = "guides.response_publish", _("Official response published")
    IDEA_RESPONSE_EDIT = "guides.response_edit", _("Official response edited")
    IDEA_RESPONSE_SUMMARY = (
        "guides.response_summary",
        _("Plain-language summary of a response written"),
    )
    IDEA_ENTERED_FOR_RESIDENT = (
        "guides.entered_for_resident",
        _("Idea entered on behalf of a resident"),
    )
    STAFF_ROLE_GRANT = "guides.role_grant", _("Staff role granted")
    STAFF_ROLE_REVOKE = "guides.role_revoke", _("Staff role revoked")
    COMMITTEE_MEETING_CREATE = "guides.committee_create", _("Committee meeting created")
    COMMITTEE_AGENDA_CHANGE = "guides.committee_agenda", _("Committee agenda changed")
    COMMITTEE_DECISION = "guides.committee_decision", _("Committee decision recorded")
    COMMITTEE_PLAIN_SUMMARY = (
        "guides.committee_plain_summary",
        _("Plain-language summary of a decision written"),
    )
    COMMITTEE_POSITION_SAVE = (
        "guides.committee_position_save",
        _("Position of the administration saved"),
    )
    COMMITTEE_POSITION_SUBMIT = (
        "guides.committee_position_submit",
        _("Position of the administration submitted for review"),
    )
    COMMITTEE_POSITION_APPROVE = (
        "guides.committee_position_approve",
        _("Position of the administration approved"),
    )
    COMMITTEE_POSITION_RETURN = (
        "guides.committee_position_return",
        _("Position of the administration returned for changes"),
    )
    SETTINGS_CHANGE = "guides.settings_change", _("Settings changed")
    IDEA_THRESHOLD_REACHED = "guides.threshold_reached", _("Support threshold reached")
    # boards — issue 4
    BOARD_CREATE = "boards.create", _("Board created")
    BOARD_CALL_OPEN = "boards.call_open", _("Call for applications opened")
    BOARD_APPLICATION_SUBMIT = "boards.application_submit", _("Application submitted")
    BOARD_APPLICATION_DECIDE = "boards.application_decide", _("Application decided")
    BOARD_CONSENT_RECORD = "boards.consent_record", _("Guardian consent recorded")
    BOARD_MEMBERSHIP_CHANGE = "boards.membership_change", _("Membership changed")
    BOARD_THREAD_POST = "boards.thread_post", _("Workspace post written")
    BOARD_DOCUMENT_UPLOAD = "boards.document_upload", _("Document uploaded")
    BOARD_MEETING_RECORD = "boards.meeting_record", _("Board meeting recorded")
    BOARD_RECOMMENDATION_DRAFT = "boards.recommendation_draft", _("Recommendation drafted")
    BOARD_VOTE_OPEN = "boards.vote_open", _("Vote opened")
    BOARD_VOTE_CAST = "boards.vote_cast", _("Vote cast")
    BOARD_VOTE_CLOSE = "boards.vote_close", _("Vote closed")
    BOARD_RECOMMENDATION_PUBLISH = "boards.recommendation_publish", _("Recommendation published")
    BOARD_RECOMMENDATION_ANSWER = "boards.recommendation_answer", _("Recommendation answered")
    # meetings (events) — issue 5
    MEETING_CREATE = "meetings.create", _("Event created")
    MEETING_UPDATE = "meetings.update", _("Event updated")
    MEETING_REGISTER = "meetings.register", _("Registered for event")
    MEETING_CANCEL_REGISTRATION = "meetings.cancel", _("Registration cancelled")
    MEETING_PROMOTE = "meetings.promote", _("Moved up from the waiting list")
    MEETING_CHECK_IN = "meetings.check_in", _("Checked in")
    MEETING_LIVE_POST = "meetings.live_post", _("Live question or idea card posted")
    MEETING_LIVE_VOTE = "meetings.live_vote", _("Live contribution voted on")
    MEETING_LIVE_MODERATE = "meetings.live_moderate", _("Live contribution moderated")
    MEETING_RESULTS_PUBLISH = "meetings.results_publish", _("Event results published")
    MEETING_IDEA_LINK = "meetings.idea_link", _("Idea linked to event")
    # learning loop — issue 6
    SURVEY_CREATE = "surveys.create", _("Survey created")
    SURVEY_PUBLISH = "surveys.publish", _("Survey published")
    SURVEY_CLOSE = "surveys.close", _("Survey closed")
    SURVEY_RESPONSE = "surveys.response", _("Survey answered")
    SURVEY_TOKENS_ISSUE = "surveys.tokens_issue", _("Survey tokens issued")
    OPINION_MAP_CREATE = "opinions.create", _("Opinion map created")
    OPINION_STATEMENT_ADD = "opinions.statement_add", _("Statement added")
    OPINION_STATEMENT_MODERATE = "opinions.statement_moderate", _("Statement moderated")
    OPINION_VOTE = "opinions.vote", _("Statement voted on")
    OPINION_IMPORT = "opinions.import", _("Opinion map imported")
    ASSUMPTION_CREATE = "assumptions.create", _("Assumption recorded")
    ASSUMPTION_EVIDENCE_LINK = "assumptions.evidence_link", _("Evidence linked")
    ASSUMPTION_REVIEW = "assumptions.review", _("Assumption reviewed")
    # public figures and reports — issue 13
    POPULATION_UPDATE = "figures.population_update", _("Population figures changed")
    STATUS_REPORT_ISSUE = "figures.report_issue", _("Status report issued")
    # agenda (Digitale Agenda) — issue 16
    AGENDA_DOCUMENT_CREATE = "agenda.document_create", _("Agenda document created")
    AGENDA_DOCUMENT_IMPORT = "agenda.document_import", _("Agenda text imported")
    AGENDA_DOCUMENT_UPDATE = "agenda.document_update", _("Agenda settings changed")
    AGENDA_DOCUMENT_PUBLISH = "agenda.document_publish", _("Agenda published")
    AGENDA_VERSION_PUBLISH = "agenda.version_publish", _("Agenda version published")
    AGENDA_ADOPT = "agenda.adopt", _("Agenda version adopted")
    AGENDA_PARAGRAPH_EDIT = "agenda.paragraph_edit", _("Agenda paragraph changed")
    AGENDA_COMMENT_CREATE = "agenda.comment_create", _("Agenda comment written")
    AGENDA_COMMENT_DELETE = "agenda.comment_delete", _("Agenda comment deleted")
    AGENDA_VOTE = "agenda.vote", _("Agenda section voted on")
    AGENDA_AMENDMENT_PROPOSE = "agenda.amendment_propose", _("Amendment proposed")
    AGENDA_AMENDMENT_SUPPORT = "agenda.amendment_support", _("Amendment supported")
    AGENDA_AMENDMENT_SUPPORT_WITHDRAW = (
        "agenda.amendment_support_withdraw",
        _("Amendment support withdrawn"),
    )
    AGENDA_AMENDMENT_ACCEPT = "agenda.amendment_accept", _("Amendment accepted")
    AGENDA_AMENDMENT_REJECT = "agenda.amendment_reject", _("Amendment rejected")
    AGENDA_AMENDMENT_MERGE = "agenda.amendment_merge", _("Amendments merged")
    AGENDA_CITATION_ADD = "agenda.citation_add", _("Evidence cited in the agenda")
    AGENDA_CITATION_REMOVE = "agenda.citation_remove", _("Evidence citation removed")
    # pages (site pages, Leichte Sprache, DGS) — issues 10 and 17
    PAGE_REVISION_SAVE = "pages.revision_save", _("Page text saved")
    PAGE_PUBLISH = "pages.publish", _("Page version published")
    SIGN_VIDEO_SAVE = "pages.sign_video_save", _("Sign language video saved")
    SIGN_VIDEO_REMOVE = "pages.sign_video_remove", _("Sign language video removed")
    # projects and open data — issue 13
    PROJECT_CREATE = "projects.create", _("Project created")
    PROJECT_EDIT = "projects.edit", _("Project changed")
    PROJECT_MILESTONE = "projects.milestone", _("Project milestone changed")
    PROJECT_UPDATE = "projects.update", _("Project update published")
    PROJECT_COMPLETE = "projects.complete", _("Project completed")
    OPARL_IMPORT = "opendata.oparl_import", _("Council information system imported")
    # operations — issue 10
    OPERATIONS_RETENTION = "operations.retention", _("Retention periods applied")
    OPERATIONS_RESTORE = "operations.restore", _("Backup restored")
