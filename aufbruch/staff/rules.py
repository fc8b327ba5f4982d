"""Who may grant and revoke staff roles."""

import rules

from .predicates import is_programme_office

rules.add_perm("staff.manage_roles", is_programme_office)
