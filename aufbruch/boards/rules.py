"""Who may do what with boards. Objects: a Board, a Recommendation, or a BoardApplication."""

import rules

from aufbruch.staff.predicates import is_active_participant, is_programme_office
from aufbruch.staff.selectors import guide_department_ids

from .selectors import active_board_ids


def _board_of(obj):
    return getattr(obj, "board", obj)


@rules.predicate
def is_board_member(user, obj) -> bool:
    """Active member (consent recorded where needed) of the object's board."""
    return obj is not None and _board_of(obj).pk in active_board_ids(user)


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


@rules.predicate
def is_own_active_membership(user, membership) -> bool:
    from .models import MembershipStatus

    return (
        membership is not None
        and user.is_authenticated
        and membership.user_id == user.pk
        and membership.status == MembershipStatus.ACTIVE
    )


@rules.predicate
def is_guide_of_linked_department(user, recommendation) -> bool:
    if recommendation is None:
        return False
    mine = guide_department_ids(user)
    return bool(mine) and any(idea.department_id in mine for idea in recommendation.ideas.all())


is_active_member = is_active_participant & is_board_member

rules.add_perm("boards.apply", is_active_participant)
rules.add_perm("boards.manage_board", is_programme_office)
rules.add_perm("boards.view_workspace", is_programme_office | is_active_member)
rules.add_perm("boards.post_in_workspace", is_programme_office | is_active_member)
rules.add_perm("boards.draft_recommendation", is_active_member)
rules.add_perm("boards.comment_recommendation", is_programme_office | is_active_member)
rules.add_perm("boards.open_vote", is_programme_office | is_active_member)
rules.add_perm("boards.vote", is_active_member)
rules.add_perm("boards.close_vote", is_programme_office)
rules.add_perm("boards.publish_recommendation", is_programme_office)
rules.add_perm("boards.answer_recommendation", is_programme_office | is_guide_of_linked_department)
rules.add_perm("boards.answer_for_any_department", is_programme_office)
rules.add_perm("boards.view_application", is_programme_office | is_applicant)
rules.add_perm("boards.change_own_membership", is_own_active_membership)
