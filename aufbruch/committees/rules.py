"""Committee work is the programme office's job; every staff member may read the papers."""

import rules

from aufbruch.staff.predicates import is_programme_office, is_staff_member

rules.add_perm("committees.manage_meetings", is_programme_office)
rules.add_perm("committees.view_paper", is_staff_member)
