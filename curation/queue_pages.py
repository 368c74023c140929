"""The queue's pages from SQL compiled once (issue 20).

Most queue requests are a curator's or an administrator's whole queue of a year, in one of its
orders, page by page, or the part of it assigned to them (`assigned=me`, the page's "Assigned
to me"), or narrowed by the filter bar's choices (unit, kind, origin, form, maturity, stage).
Building and compiling such a page's two queries (the count, and the rows with their seven
subqueries) cost 2-7 ms of Python a request, several times what running them costs. Here each
is compiled once per role, order, filters asked for and page window (`PreparedRows`), with the
user's and the cycle's ids and the filters' values as parameters; a search or a curator's
address takes the ORM's path (`queue.filtered_rows`).

Only the region's roles take this path, for whom `visible_to` depends on the role and the
user's id alone (administrators see everything; curators and leaders all but the drafts they
did not enter): the queries are built for a stand-in user of the same role whose id is the
marker. tests/curation/test_queue_pages.py compares every such role's pages with the ORM's.
"""

from django.db.models import Exists
from django.utils.functional import SimpleLazyObject

from accounts.enums import REGION_ROLES
from accounts.models import User
from innovations import written
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


# The filters that compare a column with the value as it is (`Filter.filter`: an `exact`
# lookup): each one asked for is a parameter of the prepared reads. `search` (`icontains` wraps
# the value in `%…%`) and `assigned` with a curator's address keep the ORM's path.
EQUALITY_FILTERS = ("unit", "unit_kind", "origin", "form", "maturity", "lab_stage")


def _count(role, mine, filters, user_id, cycle_id, **values):
    user = _stand_in(role, user_id)
    innovations = _filtered(queue_innovations(user, cycle=cycle_id), filters, values)
    return counted(_assigned(innovations, mine, user))


def _rows(role, ordering, mine, filters, start, stop, user_id, cycle_id, **values):
    user = _stand_in(role, user_id)
    rows = _user_numbers(_queue_rows_base().filter(cycle=cycle_id).visible_to(user), user)
    rows = _assigned(_filtered(rows, filters, values), mine, user)
    return rows.order_by(*ORDERINGS[ordering]).values_list(*ROW_KEYS)[start:stop]


def _filtered(queryset, filters, values):
    """The equality filters named in `filters`, applied by the filter set's own filters in its
    order (the filter set applies `assigned` after them, as `_assigned` does here)."""
    for name in filters:
        queryset = QueueFilter.base_filters[name].filter(queryset, values[name])
    return queryset


def _assigned(queryset, mine, user):
    """`assigned=me` as `QueueFilter.filter_assigned` applies it."""
    return queryset.filter(Exists(_mine(user))) if mine else queryset


_KINDS = {"user_id": int, "cycle_id": int, **dict.fromkeys(EQUALITY_FILTERS, str)}
_COUNT = PreparedRows(Innovation, _count, **_KINDS)
_ROWS = PreparedRows(Innovation, _rows, **_KINDS)


def takes_prepared_path(user):
    return user.is_active and user.role in REGION_ROLES and type(user.pk) is int


def queue_rows(data, *, user, cycle, request):
    """(the filter set, its rows) of the queue page for `data`: a `PreparedList` when the
    form asks for nothing but an order, equality filters and `assigned=me` ("Assigned to
    me"), else `queue.filtered_rows`.

    A request of nothing but a year, a page, `assigned=me` and one of the filter's orders gets
    its filter set lazily: the page draws the filter bar from it only when that bar is not
    kept yet (`kept_block_keys`), and building and validating its form was 0.4 ms a
    request."""
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
            if {name for name, value in asked.items() if value} <= _PREPARED_FIELDS and (
                asked.get("assigned") in ("", None, "me")
            ):
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


_PREPARED_FIELDS = frozenset({*EQUALITY_FILTERS, "ordering", "assigned"})
_ORDER_CHOICES = frozenset(
    value for value, _label in QueueFilter.base_filters["ordering"].extra["choices"]
)


def _prepared(data, user, cycle, request, asked):
    """The prepared page for `asked` (the request's data or its form's cleaned data): its
    order, its equality filters and whether it asks for `assigned=me`."""
    ordering = asked.get("ordering")
    mine = asked.get("assigned") == "me"
    filters = tuple(name for name in EQUALITY_FILTERS if asked.get(name))
    role = str(user.role)
    return PreparedList(
        count=_COUNT,
        rows=_ROWS,
        keys=ROW_KEYS,
        count_shape=(role, mine, filters),
        shape=(role, ordering if ordering in ORDERINGS else DEFAULT_ORDERING, mine, filters),
        values={
            "user_id": user.pk,
            "cycle_id": cycle.pk,
            **{name: asked.get(name) or "" for name in EQUALITY_FILTERS},
        },
        fallback=lambda: filtered_rows(data, user=user, cycle=cycle, request=request)[1].rows,
        # The whole queue's count reads the cycle's innovations alone; `assigned=me` reads the
        # assignments and a unit filter the units, whose writes the version does not follow.
        keep_count=None if mine or filters else _kept_count(role, user.pk, cycle.pk),
    )


def _kept_count(role, user_id, cycle_id):
    def keep(counting):
        return written.kept_count(("queue", role, user_id), counting, cycle_id=cycle_id)

    return keep
