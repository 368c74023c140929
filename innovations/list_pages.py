"""The innovation list's unfiltered pages, page and API, from SQL compiled once (issue 20).

Most list requests are someone's whole list, page by page (the page in one of its orders): no
filter and no search. Building and compiling that page's count and rows (forty columns, a
subquery per count or year) cost about a millisecond of Python a request, more than running
them. Here each is compiled once per role, order and page window (`PreparedRows`), with the
user's and unit's ids as parameters; any filter or search takes the ORM's path.

`visible_to` depends on the role, the user's id and the unit's id alone for an active user
of a role that sees the region or of a unit role with a unit: the queries are built for a
stand-in user with the same role and marker ids (a value the SQL does not use is left out,
which `PreparedRows` checks). tests/innovations/test_list_pages.py compares every role's pages
with the ORM's.
"""

from accounts.enums import REGION_ROLES, UNIT_ROLES
from accounts.models import User
from intan_banjar.prepared_reads import PreparedList, PreparedRows, counted

from . import querysets, written
from .list_rows import ROW_KEYS, prepared_rows
from .list_values import LIST_COLUMNS, prepared_list_values
from .models import Innovation

API_PARAMETERS = frozenset({"page", "page_size"})
PAGE_PARAMETERS = frozenset({"page", "ordering"})
API_ORDER = ("-created_at", "-id")  # InnovationViewSet.ordering


def _stand_in(role, user_id, unit_id):
    """A user of `role` with the marker ids: all that `visible_to` reads of such a user."""
    return User(pk=user_id, role=role, unit_id=unit_id, is_active=True)


def _count(role, user_id, unit_id):
    return counted(Innovation.objects.visible_to(_stand_in(role, user_id, unit_id)))


def _api_rows(annotator, role, start, stop, user_id, unit_id):
    """`annotator` (the score's, which `prepared_list_values` follows) keys the plan only."""
    user = _stand_in(role, user_id, unit_id)
    rows = prepared_list_values().visible_to(user).order_by(*API_ORDER)
    return rows.values_list(*LIST_COLUMNS)[start:stop]


def _page_rows(role, ordering, tie_break, start, stop, user_id, unit_id):
    user = _stand_in(role, user_id, unit_id)
    rows = prepared_rows().visible_to(user).order_by(ordering, tie_break)
    return rows.values_list(*ROW_KEYS)[start:stop]


_COUNT = PreparedRows(Innovation, _count, user_id=int, unit_id=int)
_API_ROWS = PreparedRows(Innovation, _api_rows, user_id=int, unit_id=int)
_PAGE_ROWS = PreparedRows(Innovation, _page_rows, user_id=int, unit_id=int)


def _takes_prepared_path(user):
    if not user.is_active or type(user.pk) is not int:
        return False
    return user.role in REGION_ROLES or (user.role in UNIT_ROLES and type(user.unit_id) is int)


def _list(user, rows, keys, shape, fallback):
    role, values = str(user.role), {"user_id": user.pk, "unit_id": user.unit_id or 0}
    return PreparedList(
        count=_COUNT,
        rows=rows,
        keys=keys,
        count_shape=(role,),
        shape=shape,
        values=values,
        fallback=fallback,
        # What `visible_to` counts depends on the innovations alone (and the role and ids).
        keep_count=lambda counting: written.kept_count(
            ("list", role, values["user_id"], values["unit_id"]), counting
        ),
    )


def api_rows(user, params, fallback):
    """The list API's rows (`InnovationViewSet.list`) when `params` ask for nothing but a
    page, else None; `fallback()` gives the ORM's filtered queryset."""
    if not set(params) <= API_PARAMETERS or not _takes_prepared_path(user):
        return None
    annotators = querysets._score_annotators
    annotator = annotators[-1] if annotators else None
    return _list(user, _API_ROWS, LIST_COLUMNS, (annotator, str(user.role)), fallback)


def page_rows(user, params, ordering, tie_break, fallback):
    """The list page's rows in `ordering` when `params` ask for nothing but an order and a
    page, else None."""
    if not set(params) <= PAGE_PARAMETERS or not _takes_prepared_path(user):
        return None
    return _list(user, _PAGE_ROWS, ROW_KEYS, (str(user.role), ordering, tie_break), fallback)
