import rules

from aufbruch.staff.predicates import (
    is_active_participant,
    is_authenticated,
    is_moderator,
    is_programme_office,
    is_staff_member,
)


@rules.predicate
def map_is_open(user, opinion_map) -> bool:
    return opinion_map is not None and opinion_map.is_open


# Anyone may vote on an open map, also without an account; a blocked account may not.
rules.add_perm("opinions.vote", map_is_open & (~is_authenticated | is_active_participant))
rules.add_perm("opinions.add_statement", map_is_open & is_active_participant)
rules.add_perm("opinions.moderate_statements", is_moderator)
rules.add_perm("opinions.create_map", is_programme_office)
rules.add_perm("opinions.export_map", is_staff_member)
rules.add_perm("opinions.view_staff_area", is_staff_member)

# The services' authority; whether the map is open is the service's check,
# with a message that says so.
rules.add_perm("opinions.write_statement", is_active_participant)
rules.add_perm("opinions.vote_as_participant", ~is_authenticated | is_active_participant)
