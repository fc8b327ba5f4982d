"""The figures page is public; the population and the reports are the
programme office's; every staff member may read participation and reports."""

import rules

from aufbruch.staff.predicates import is_programme_office, is_staff_member

rules.add_perm("figures.view_participation_staff", is_staff_member)
rules.add_perm("figures.manage_population", is_programme_office)
rules.add_perm("figures.view_reports", is_staff_member)
rules.add_perm("figures.issue_report", is_programme_office)
