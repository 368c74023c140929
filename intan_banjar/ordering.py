"""`?ordering=` with a last word: rows that tie on the asked field keep one order.

DRF's OrderingFilter sorts by the asked field alone. Many rows share a title, a status or a
date, and PostgreSQL may return ties in any order, one that changes with the plan and between
two requests; a client paging through `?ordering=status` could then see a row twice and miss
another. The primary key, in the direction of the last term, settles every tie.
"""

from rest_framework.filters import OrderingFilter


def with_tiebreaker(ordering):
    """`ordering` (field names, `-` for descending) ending on the primary key."""
    terms = list(ordering)
    if not terms or any(isinstance(t, str) and t.lstrip("-") in ("pk", "id") for t in terms):
        return terms
    last = terms[-1]
    descending = isinstance(last, str) and last.startswith("-")
    return [*terms, "-pk" if descending else "pk"]


class StableOrderingFilter(OrderingFilter):
    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        return with_tiebreaker(ordering) if ordering else ordering
