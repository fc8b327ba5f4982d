import rules

from aufbruch.staff.predicates import is_programme_office, is_staff_member


@rules.predicate
def is_owner(user, assumption) -> bool:
    return assumption is not None and user.is_authenticated and assumption.owner_id == user.pk


rules.add_perm("assumptions.manage_assumption", is_programme_office)
rules.add_perm("assumptions.staff_area", is_staff_member)
rules.add_perm("assumptions.review_assumption", is_owner | is_programme_office)
# Who may own (answer for) an assumption: a member of staff.
rules.add_perm("assumptions.own_assumption", is_staff_member)
