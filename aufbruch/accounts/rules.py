"""Who may change or delete an account: the person themself; the
programme office may also delete an account (on request, in writing)."""

import rules

from aufbruch.staff.predicates import is_authenticated, is_programme_office


@rules.predicate
def is_self(user, account) -> bool:
    return account is not None and user.is_authenticated and account.pk == user.pk


@rules.predicate
def is_deleted_account(user, account) -> bool:
    return account is not None and account.is_deleted


rules.add_perm("accounts.change_profile", is_authenticated & is_self & ~is_deleted_account)
rules.add_perm("accounts.delete_account", is_self | is_programme_office)
