def is_staff_member(user) -> bool:
    """True for guides, moderators and the programme office.

    Placeholder until the staff roles of the guides' workflow exist: Django
    staff flag only."""
    return bool(user.is_authenticated and user.is_staff)
