"""The innovation page's reads from SQL compiled once per process (issue 20).

The page reads the innovation (with its unit, cycle and, for curators and admins, the community
submitter), its innovators, partners and files, its history and its stage records: seven small
queries that the ORM built and compiled again on every request, which cost several times what
running them did (some 3 ms of Python of the page's 11). Here each is an
`intan_banjar.prepared_reads` read: the innovation through `PreparedGet` per role (the role
decides the shape of `visible_to`'s filter; the user's id or unit the parameters), the lists
through `PreparedRows` of all their columns, turned into instances as the ORM does (`from_db`)
and put where `prefetch_related` puts them, so every later reader (rules, templates, the
portfolio's tags) finds the same objects. A user `visible_to` gives nothing to, or a value the
prepared reads do not take, goes through the ORM unchanged (tests/innovations/
test_detail_reads.py compares both paths).
"""

from django.db import router
from django.db.models import FETCH_ONE, Prefetch

from accounts.enums import Role
from accounts.models import User
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet, PreparedRows

from .history import ACTOR_COLUMNS, TransitionLog
from .models import Innovation
from .querysets import profile_lists

# The value each role's `visible_to` filter takes from the user (none: an admin sees all).
_ROLE_VALUES = {
    Role.ADMIN: (),
    Role.CURATOR: ("user_id",),
    Role.LEADER: ("user_id",),
    Role.OPERATOR: ("unit_id",),
    Role.HEAD: ("unit_id",),
}
_innovation_reads = {}


def _shown(role, contact, pk, user_id=None, unit_id=None):
    """The page's queryset as `views.innovation_detail` builds it, for a user of `role` (a
    stand-in with only what `visible_to` reads)."""
    user = User(id=user_id, role=role, unit_id=unit_id, is_active=True)
    shown = Innovation.objects.visible_to(user).for_detail()
    if contact:
        shown = shown.select_related("community_submitter")
    return shown.filter(pk=pk)


def _innovation_read(role, contact):
    key = (role, contact)
    read = _innovation_reads.get(key)
    if read is None:
        kinds = dict.fromkeys(("pk", *_ROLE_VALUES[role]), int)
        read = PreparedGet(Innovation, lambda **values: _shown(role, contact, **values), **kinds)
        _innovation_reads[key] = read
    return read


def shown_innovation(user, pk, contact):
    """The innovation `pk` as the page reads it for `user` (`contact`: with its community
    submitter), its profile lists prefetched; None when `user` may not see it (or there is
    none), NOT_PREPARED when the ORM must read it."""
    if not (user.is_authenticated and user.is_active) or user.role not in _ROLE_VALUES:
        return NOT_PREPARED
    names = _ROLE_VALUES[user.role]
    values = {"user_id": user.pk, "unit_id": user.unit_id}
    if any(values[name] is None for name in names):
        return NOT_PREPARED  # unit staff without a unit: `visible_to` gives nothing
    innovation = _innovation_read(user.role, contact).get(
        pk=pk, **{name: values[name] for name in names}
    )
    if innovation is None or innovation is NOT_PREPARED:
        return innovation
    for name, queryset, read in _PROFILE_LISTS:
        _prefetched(innovation, name, queryset, _instances(read, innovation))
    return innovation


class _Related:
    """The rows of a reverse relation of Innovation (`name`) for one innovation, all columns
    (and `extra` annotations, set as attributes), as instances with `.innovation` set, as the
    relation's manager gives them."""

    def __init__(self, name, queryset=None, **extra):
        relation = Innovation._meta.get_field(name)
        self.model = relation.related_model
        self.field = relation.field.name
        self.columns = [f.attname for f in self.model._meta.concrete_fields]
        self.extra = list(extra)
        queryset = queryset if queryset is not None else self.model._default_manager.get_queryset()
        self.rows = PreparedRows(
            self.model,
            lambda pk: (
                queryset.filter(**{f"{self.field}_id": pk})
                .annotate(**extra)
                .values_list(*self.columns, *self.extra)
            ),
            pk=int,
        )


def _instances(read, innovation):
    alias = router.db_for_read(read.model)
    width = len(read.columns)
    instances = []
    for row in read.rows.rows(pk=innovation.pk):
        instance = read.model.from_db(alias, read.columns, row[:width], fetch_mode=FETCH_ONE)
        for name, value in zip(read.extra, row[width:], strict=True):
            setattr(instance, name, value)
        setattr(instance, read.field, innovation)
        instances.append(instance)
    return instances


def _prefetched(innovation, name, queryset, instances):
    """Put `instances` where `prefetch_related(name)` (or its `Prefetch` queryset) puts them."""
    manager = getattr(innovation, name)
    shown = manager._apply_rel_filters(queryset) if queryset is not None else manager.get_queryset()
    shown._result_cache = instances
    shown._prefetch_done = True
    innovation.__dict__.setdefault("_prefetched_objects_cache", {})[name] = shown


def _profile_list(lookup):
    if isinstance(lookup, Prefetch):
        return lookup.prefetch_to, lookup.queryset, _Related(lookup.prefetch_to, lookup.queryset)
    return lookup, None, _Related(lookup)


_PROFILE_LISTS = [_profile_list(lookup) for lookup in profile_lists()]
_STAGE_RECORDS = _Related("stage_records")


def stage_records(innovation):
    """`innovation.stage_records.all()` (its prefetched list where there is one)."""
    if "stage_records" in getattr(innovation, "_prefetched_objects_cache", {}):
        return list(innovation.stage_records.all())
    return _instances(_STAGE_RECORDS, innovation)


_HISTORY = _Related("history", TransitionLog.objects.order_by("at", "id"), **ACTOR_COLUMNS)


def history_entries(innovation):
    """`innovation.history.annotate(**ACTOR_COLUMNS).order_by("at", "id")` as a list."""
    return _instances(_HISTORY, innovation)
