"""Who sees which dashboard: the programme office sees all, a guide the
dashboards of their own departments."""

import rules

from aufbruch.staff.predicates import is_guide, is_programme_office
from aufbruch.staff.selectors import guide_department_ids


@rules.predicate
def is_guide_of_this_department(user, department) -> bool:
    return department is not None and department.pk in guide_department_ids(user)


rules.add_perm("dashboards.view_dashboards", is_programme_office | is_guide)
rules.add_perm("dashboards.view_overall", is_programme_office)
rules.add_perm("dashboards.view_department", is_programme_office | is_guide_of_this_department)
