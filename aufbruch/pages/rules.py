"""Only the programme office edits the site's pages and sign language videos."""

import rules

from aufbruch.staff.predicates import is_programme_office

rules.add_perm("pages.manage_pages", is_programme_office)
