"""Query helpers that the ORM does not offer.

``IdIn(F("pk"), ids)`` is ``pk__in=ids`` with one parameter on PostgreSQL
(``id = ANY(%s)``, the list sent as an array) instead of one ``%s`` per id:
for a search's window of 1,000 ideas, building, quoting and parsing 1,000
placeholders cost more than the query itself (docs/performance.md, "Search
at 100,000 ideas"). Other databases get the usual ``IN (...)``. Use it in
``filter()`` and in ``When()`` like any lookup.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import Lookup


class IdIn(Lookup):
    lookup_name = "id_in"
    prepare_rhs = False
    can_use_none_as_rhs = False

    def __init__(self, lhs, rhs):
        super().__init__(lhs, [int(v) for v in rhs])

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        lhs, params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*params, self.rhs]
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*params, *self.rhs]
