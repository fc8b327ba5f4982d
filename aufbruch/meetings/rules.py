"""Who may do what with events. The programme office runs events; the
organiser (a staff member) manages their own; moderators moderate live
contributions. Attendee lists are staff-only, the public sees counts."""

import rules

from aufbruch.staff.predicates import (
    is_active_participant,
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


can_manage = is_programme_office | is_organiser

rules.add_perm("meetings.create_meeting", is_programme_office)
rules.add_perm("meetings.view_manage_list", is_staff_member)
rules.add_perm("meetings.manage_meeting", can_manage)
rules.add_perm("meetings.view_attendees", can_manage)
rules.add_perm("meetings.check_in", can_manage)
rules.add_perm("meetings.moderate_live", can_manage | is_moderator)
rules.add_perm("meetings.register", is_active_participant)
