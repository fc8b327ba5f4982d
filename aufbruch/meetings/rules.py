"""Who may do what with events. The programme office runs events; the
organiser (a staff member) manages their own; moderators moderate live
contributions. Attendee lists are staff-only, the public sees counts."""

import rules

from aufbruch.staff.predicates import (
    is_active_participant,
    is_authenticated,
    is_moderator,
    is_programme_office,
    is_staff_member,
)


@rules.predicate
def is_organiser(user, meeting) -> bool:
    """The staff member who organises it; like every staff power, only in a
    session that passed the second factor (is_staff_member asks that)."""
    return bool(
        meeting is not None
        and user.is_authenticated
        and meeting.organiser_id == user.pk
        and is_staff_member(user)
    )


@rules.predicate
def is_published(user, meeting) -> bool:
    return meeting is not None and meeting.is_published


@rules.predicate
def may_cancel_registration(user, registration) -> bool:
    """A guest's registration is cancelled through its secret link (whoever
    holds the link); an account's by that account or who manages the event."""
    if registration is None:
        return False
    if registration.user_id is None:
        return True
    if user.is_authenticated and registration.user_id == user.pk:
        return True
    return bool(can_manage(user, registration.meeting))


can_manage = is_programme_office | is_organiser

rules.add_perm("meetings.create_meeting", is_programme_office)
rules.add_perm("meetings.view_manage_list", is_staff_member)
rules.add_perm("meetings.manage_meeting", can_manage)
rules.add_perm("meetings.view_attendees", can_manage)
rules.add_perm("meetings.check_in", can_manage)
rules.add_perm("meetings.moderate_live", can_manage | is_moderator)
rules.add_perm("meetings.register", is_active_participant)
# The service's authority (object: the meeting): a visitor without an account
# registers as a guest and confirms the e-mail address.
rules.add_perm("meetings.register_for", is_published & (~is_authenticated | is_active_participant))
rules.add_perm("meetings.cancel_registration", may_cancel_registration)
