import rules

from aufbruch.staff.predicates import (
    is_active_participant,
    is_moderator,
    is_programme_office,
    is_staff_member,
)


@rules.predicate
def survey_is_open(user, survey) -> bool:
    return survey is not None and survey.is_open()


@rules.predicate
def survey_results_are_public(user, survey) -> bool:
    return survey is not None and survey.results_are_public()


rules.add_perm("surveys.manage_survey", is_programme_office)
rules.add_perm("surveys.enter_paper_answers", is_staff_member)
rules.add_perm("surveys.respond", is_active_participant & survey_is_open)
rules.add_perm("surveys.view_results", is_staff_member | survey_results_are_public)
rules.add_perm("surveys.view_free_text", is_staff_member)
rules.add_perm("surveys.moderate_answers", is_moderator | is_programme_office)
rules.add_perm("surveys.export_csv", is_staff_member)
# The service's authority for answering with an account; whether the survey
# is open is the service's check, with a message that says so.
rules.add_perm("surveys.answer_with_account", is_active_participant)
