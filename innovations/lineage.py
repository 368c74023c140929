"""An innovation across years: the entries linked by `predecessor`, oldest first.

A unit that continues last year's innovation into this year's cycle creates a new entry whose
`predecessor` is last year's (portfolio.continuation). The chain is short (one entry a year), so
it is walked a step at a time: one query per year in each direction, never per field.
"""

from django.db import router
from django.db.models import FETCH_ONE

from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet, PreparedRows

from .enums import APPROVED_STATUSES
from .models import Innovation

# Far more years than any programme runs: a guard against a cycle in corrupted data.
MAX_YEARS = 50
LINEAGE_COLUMNS = (
    "id",
    "code",
    "title",
    "year",
    "status",
    "unit_id",
    "import_key",
    "predecessor_id",
)


def _entries():
    return Innovation.objects.only(*LINEAGE_COLUMNS)


# Each step of a walk is one small read, on every page that shows an innovation's years (the
# public catalogue's too): compiled once (`intan_banjar.prepared_reads`), building the query
# cost several times running it. The rows become the instances `_entries()` gives: the same
# columns, in the model's order, through `from_db` as the ORM builds them.
_IN_ORDER = [f.attname for f in Innovation._meta.concrete_fields if f.attname in LINEAGE_COLUMNS]
_ENTRY = PreparedGet(Innovation, lambda pk: _entries().filter(pk=pk), pk=int)


def _children_rows(ids):
    children = _entries().filter(predecessor_id__in=ids).order_by("year", "id")
    return children.values_list(*_IN_ORDER)


_CHILDREN = PreparedRows(Innovation, _children_rows, ids=list)


def _entry(pk):
    entry = _ENTRY.get(pk=pk)
    return _entries().filter(pk=pk).first() if entry is NOT_PREPARED else entry


def _children(frontier):
    """The entries whose predecessor is in `frontier` (a list of ids), in year order."""
    alias = router.db_for_read(Innovation)
    return [
        Innovation.from_db(alias, _IN_ORDER, row, fetch_mode=FETCH_ONE)
        for row in _CHILDREN.rows(ids=frontier)
    ]


def ancestors(innovation):
    """The earlier entries of this innovation, nearest first (not the innovation itself)."""
    found, seen = [], {innovation.pk}
    parent_id = innovation.predecessor_id
    while parent_id and parent_id not in seen and len(found) < MAX_YEARS:
        parent = _entry(parent_id)
        if parent is None:
            break
        found.append(parent)
        seen.add(parent.pk)
        parent_id = parent.predecessor_id
    return found


def descendants(innovation):
    """The later entries continuing this one, in year order (one per year as a rule)."""
    found, seen = [], {innovation.pk}
    frontier = [innovation.pk]
    while frontier and len(found) < MAX_YEARS:
        children = [child for child in _children(frontier) if child.pk not in seen]
        found.extend(children)
        seen.update(child.pk for child in children)
        frontier = [child.pk for child in children]
    return found


def lineage(innovation, visible=None):
    """Every entry of the innovation across years, oldest first, the innovation included.

    `visible` (a queryset such as `visible_to(user)` or the public catalogue's) keeps only the
    entries it holds, in one more query: nobody learns of an entry they may not see. It may be a
    function returning that queryset, called only when there are other years to check (building
    `visible_to` is the costlier half of the check, and most innovations have one year).
    """
    entries = [*reversed(ancestors(innovation)), innovation, *descendants(innovation)]
    return entries if visible is None else only_visible(entries, visible)


def only_visible(entries, visible):
    """The `entries` of a lineage that `visible` holds (see `lineage`), in their order.

    For a caller that needs the whole lineage too (the innovation's page: whether it can be
    continued, then the years the user may see), so that it is walked once.
    """
    if len(entries) == 1:
        return entries
    if callable(visible):
        visible = visible()
    shown = set(visible.filter(pk__in=[e.pk for e in entries]).values_list("pk", flat=True))
    return [e for e in entries if e.pk in shown]


def latest(innovation):
    """The newest entry of the innovation's lineage (the innovation itself if none is newer)."""
    later = descendants(innovation)
    return later[-1] if later else innovation


def previous_approved(innovation):
    """The nearest earlier entry that curation approved (or that was launched), or None."""
    return next((e for e in ancestors(innovation) if e.status in APPROVED_STATUSES), None)
