"""Who may do what in the staff area. Every guide, moderator and the programme
office can read the inbox and the staff idea pages; changing an idea is for
the guides of its department and the programme office. An idea without a
department may be picked up (assigned) by any guide."""

import rules

from aufbruch.staff.predicates import (
    is_guide,
    is_guide_of_idea_department,
    is_programme_office,
    is_staff_member,
)


@rules.predicate
def idea_has_no_department(user, idea) -> bool:
    return idea is not None and idea.department_id is None


can_act_on_idea = is_programme_office | is_guide_of_idea_department

rules.add_perm("guides.view_inbox", is_staff_member)
rules.add_perm("guides.view_staff_idea", is_staff_member)
rules.add_perm("guides.assign_idea", can_act_on_idea | (is_guide & idea_has_no_department))
rules.add_perm("guides.change_status", can_act_on_idea)
rules.add_perm("guides.merge_idea", can_act_on_idea)
rules.add_perm("guides.respond", can_act_on_idea)
rules.add_perm("guides.write_summary", can_act_on_idea)
rules.add_perm("guides.add_note", can_act_on_idea)
rules.add_perm("guides.enter_idea", is_guide | is_programme_office)
rules.add_perm("guides.manage_settings", is_programme_office)
