"""Committee work is the programme office's job; every staff member may read the papers."""

import rules

from aufbruch.staff.predicates import (
    is_guide_of_idea_department,
    is_programme_office,
    is_staff_member,
)

rules.add_perm("committees.manage_meetings", is_programme_office)
rules.add_perm("committees.view_paper", is_staff_member)
rules.add_perm("committees.write_plain_summary", is_programme_office | is_guide_of_idea_department)
# the administration's position on an agenda item (object: the idea)
rules.add_perm("committees.write_position", is_programme_office | is_guide_of_idea_department)
rules.add_perm("committees.approve_position", is_programme_office)
