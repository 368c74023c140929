"""The queue's unfiltered pages from SQL compiled once (issue 20).

Most queue requests are a curator's or an administrator's whole queue of a year, in one of its
orders, page by page, or the part of it assigned to them (`assigned=me`, the page's "Assigned
to me"): no unit, kind, origin, form, maturity, stage, curator or search filter. Building and
compiling that page's two queries (the count, and the rows with their seven subqueries) cost
about 2 ms of Python a request, several times what running them costs. Here each is compiled
once per role, order and page window (`PreparedRows`), with the user's and the cycle's ids as
parameters; a filtered page takes the ORM's path (`queue.filtered_rows`).

Only the region's roles take this path, for whom `visible_to` depends on the role and the
user's id alone (administrators see everything; curators and leaders all but the drafts they
did not enter): the queries are built for a stand-in user of the same role whose id is the
marker. tests/curation/test_queue_pages.py compares every such role's pages with the ORM's.
"""

from django.db.models import Exists
from django.utils.functional import SimpleLazyObject

from accounts.enums import REGION_ROLES
from accounts.models import User
from innovations.models import Innovation
from intan_banjar.prepared_reads import PreparedList, PreparedRows, counted

from .queue import (
    DEFAULT_ORDERING,
    ORDERINGS,
    ROW_FIELDS,
    QueueFilter,
    _mine,
    _queue_rows_base,
    _user_numbers,
    filtered_rows,
    queue_innovations,
)

ROW_KEYS = (*ROW_FIELDS, "assigned_to_me", "reviewed_by_me")


def _stand_in(role, user_id):
    """A user of `role` whose id is `user_id`: all that `visible_to` and the per-user row
    numbers read of a region role's user."""
    return User(pk=user_id, role=role, is_active=True)


def _count(role, mine, user_id, cycle_id):
    user = _stand_in(role, user_id)
    return counted(_assigned(queue_innovations(user, cycle=cycle_id), mine, user))


def _rows(role, ordering, mine, start, stop, user_id, cycle_id):
    user = _stand_in(role, user_id)
    rows = _user_numbers(_queue_rows_base().filter(cycle=cycle_id).visible_to(user), user)
    rows = _assigned(rows, mine, user)
    return rows.order_by(*ORDERINGS[ordering]).values_list(*ROW_KEYS)[start:stop]


def _assigned(queryset, mine, user):
    """`assigned=me` as `QueueFilter.filter_assigned` applies it."""
    return queryset.filter(Exists(_mine(user))) if mine else queryset


_COUNT = PreparedRows(Innovation, _count, user_id=int, cycle_id=int)
_ROWS = PreparedRows(Innovation, _rows, user_id=int, cycle_id=int)


def takes_prepared_path(user):
    return user.is_active and user.role in REGION_ROLES and type(user.pk) is int


def queue_rows(data, *, user, cycle, request):
    """(the filter set, its rows) of the queue page for `data`: a `PreparedList` when nothing
    but the order (and `assigned=me`: "Assigned to me") is asked for, else
    `queue.filtered_rows`.

    A request of nothing but a year, a page, `assigned=me` and one of the filter's orders gets
    its filter set
    lazily: the page draws the filter bar from it only when that bar is not kept yet
    (`kept_block_keys`), and building and validating its form was 0.4 ms a request."""
    if _plain(data, user):
        filterset = SimpleLazyObject(
            lambda: _validated(
                QueueFilter(data, queryset=Innovation.objects.none(), request=request)
            )
        )
        return filterset, _prepared(data, user, cycle, request, data)
    if takes_prepared_path(user):
        filterset = QueueFilter(data, queryset=Innovation.objects.none(), request=request)
        if filterset.is_valid():
            asked = filterset.form.cleaned_data
            if not any(
                value for name, value in asked.items() if name not in ("ordering", "assigned")
            ) and asked.get("assigned") in ("", None, "me"):
                return filterset, _prepared(data, user, cycle, request, asked)
    return filtered_rows(data, user=user, cycle=cycle, request=request)


# What the API may be asked for besides filters: a year, a page, its size, an order; and the
# one filter that is a plain parameter of the user's (`assigned=me`).
PLAIN_PARAMETERS = frozenset({"year", "page", "page_size", "ordering", "assigned"})


def queue_api_rows(data, *, user, cycle, request):
    """The queue API's rows for `data`. The API draws no filter form, so a request of nothing
    but a year, a page and one of the orders the filter offers needs no filter set either
    (building and validating its form was a fifth of what was left of the API's Python)."""
    if _plain(data, user):
        return _prepared(data, user, cycle, request, data)
    return queue_rows(data, user=user, cycle=cycle, request=request)[1]


def _plain(data, user):
    ordering = data.get("ordering")
    return (
        takes_prepared_path(user)
        and set(data) <= PLAIN_PARAMETERS
        and (ordering is None or ordering in _ORDER_CHOICES)
        and data.get("assigned", "me") == "me"
    )


def _validated(filterset):
    filterset.is_valid()
    return filterset


# The filter bar's fields: the request's values for them are what the bar draws (a text input's
# and a `Select`'s value is `data.get(name)`).
FILTER_NAMES = tuple(QueueFilter.base_filters)


def kept_block_keys(data, page, decisions):
    """Keys of the page's kept blocks (`{% kept %}` in templates/curation/queue.html) that
    its context does not hold as such: whether rows are shown, the filter bar's values, the
    whole query (what the pagination's links carry over) and the decisions offered."""
    return {
        "has_rows": bool(page.object_list),
        "filter_values": tuple(data.get(name) for name in FILTER_NAMES),
        "query": tuple((name, tuple(values)) for name, values in data.lists()),
        "decision_actions": tuple(decision["action"] for decision in decisions),
    }


_ORDER_CHOICES = frozenset(
    value for value, _label in QueueFilter.base_filters["ordering"].extra["choices"]
)


def _prepared(data, user, cycle, request, asked):
    """The prepared page for `asked` (the request's data or its form's cleaned data): its
    order and whether it asks for `assigned=me`."""
    ordering = asked.get("ordering")
    mine = asked.get("assigned") == "me"
    return PreparedList(
        count=_COUNT,
        rows=_ROWS,
        keys=ROW_KEYS,
        count_shape=(str(user.role), mine),
        shape=(str(user.role), ordering if ordering in ORDERINGS else DEFAULT_ORDERING, mine),
        values={"user_id": user.pk, "cycle_id": cycle.pk},
        fallback=lambda: filtered_rows(data, user=user, cycle=cycle, request=request)[1].rows,
    )
