"""The public catalogue's plain requests from SQL compiled once (issue 20).

Most catalogue requests (the page, its API, an innovation's page) filter nothing: the whole
catalogue page by page, in the default order or one of the API's orders, or one innovation by
its code. Building and compiling their queries (the page's rows, the page's innovators and
partners, the innovation's row) cost more Python than running them, and the API's filter set
(its filters deep-copied, its form built and validated) as much again, for nothing to filter.
Here each read is compiled once per process and shape (`intan_banjar.prepared_reads`); the
count stays the cached one (`public_count`); anything with a filter, a search, another order or
an unknown parameter takes the ORM's path unchanged. tests/innovations/test_public_pages.py
compares every such answer with the ORM path's.
"""

from intan_banjar.ordering import with_tiebreaker
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet, PreparedList, PreparedRows

from .models import Innovation, Innovator, Partner
from .public_count import launched_count
from .public_records import CARD_VALUES, RECORD_VALUES, people_rows, public_innovations

DEFAULT_ORDER = ("-year", "title", "id")  # public_innovations()'s own


class CataloguePage(PreparedList):
    """The unfiltered catalogue for a paginator: its count the cached one (`public_count`),
    its page windows prepared reads (`PreparedList`)."""

    def __init__(self, rows, keys, shape, fallback):
        super().__init__(
            count=None,
            rows=rows,
            keys=keys,
            count_shape=(),
            shape=shape,
            values={},
            fallback=fallback,
        )

    def count(self):
        return launched_count()


def _api_rows(order, start, stop):
    return public_innovations().order_by(*order).values_list(*RECORD_VALUES)[start:stop]


def _card_rows(start, stop):
    return public_innovations().values_list(*CARD_VALUES)[start:stop]


_API_ROWS = PreparedRows(Innovation, _api_rows)
_CARD_ROWS = PreparedRows(Innovation, _card_rows)

# What the API may be asked for without filtering: a page, its size, one of the orders its
# `OrderingFilter` offers (`PublicInnovationViewSet.ordering_fields`), each ending on the key.
API_PARAMETERS = frozenset({"page", "page_size", "ordering"})
API_ORDERS = {
    None: DEFAULT_ORDER,
    **{
        term: tuple(with_tiebreaker([term]))  # as `StableOrderingFilter` sorts
        for name in ("title", "code")
        for term in (name, f"-{name}")
    },
}


def api_rows(params, fallback):
    """The API list's rows (`.values()` dicts of `public_records.RECORD_VALUES`) when `params`
    ask for nothing but a page, its size and one plain order, else None; `fallback()` gives
    the ORM's filtered rows."""
    ordering = params.get("ordering")
    if not set(params) <= API_PARAMETERS or ordering not in API_ORDERS:
        return None
    return CataloguePage(_API_ROWS, RECORD_VALUES, (API_ORDERS[ordering],), fallback)


def card_rows(fallback):
    """The catalogue page's cards (`public_records.CARD_VALUES` dicts) of the unfiltered
    catalogue; the caller decides that nothing is filtered (`public_count.known_count`)."""
    return CataloguePage(_CARD_ROWS, CARD_VALUES, (), fallback)


_BY_CODE = PreparedGet(Innovation, lambda code: public_innovations().filter(code=code), code=str)


def public_innovation(code):
    """The launched innovation of `code` with `public_innovators` and `public_partners` (as
    `public_api.with_people` attaches them: objects with the fields the pages show), or None.
    The code is unique: the ORM's `.first()` and a prepared `.get()` find the same row."""
    innovation = _BY_CODE.get(code=code)
    if innovation is NOT_PREPARED:
        innovation = public_innovations().filter(code=code).first()
    if innovation is None:
        return None
    innovators, partners = people_rows([innovation.pk])
    innovation.public_innovators = [
        Innovator(innovation_id=innovation_id, name=name) for innovation_id, name in innovators
    ]
    innovation.public_partners = [
        Partner(innovation_id=innovation_id, actor=actor, name=name, role=role)
        for innovation_id, actor, name, role in partners
    ]
    return innovation
