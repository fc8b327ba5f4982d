"""Projects are run by the guides of the owner department and the programme office."""

import rules

from aufbruch.staff.predicates import is_guide, is_guide_of_idea_department, is_programme_office

# The shared predicate only reads ``department_id``: a project has one too.
is_guide_of_project_department = is_guide_of_idea_department

rules.add_perm("projects.create_project", is_programme_office | is_guide)
rules.add_perm("projects.manage_project", is_programme_office | is_guide_of_project_department)
