"""Reads whose SQL is compiled once per process (issue 20).

Every signed-in request reads its session row and its user row, each through `.get()`: the
ORM builds a queryset, resolves the lookups and compiles the SELECT again each time, which
cost about 0.3 ms of Python per read against some 0.08 ms for running the same SQL. A
`PreparedGet` compiles its query once per database alias with marker values in place of the
request's values, remembers where the markers landed among the parameters, and afterwards
only swaps in the values, runs the SQL and builds the instance as the ORM would (`from_db`,
the fields' converters; rows joined by `select_related()` through the ORM's own populators).
The SQL is the ORM's own, `.get()`'s `LIMIT` included.

`PreparedRows` does the same for a `values_list()` queryset of fixed shape (a page's side
reads: a count, a curator's progress, the curators of 50 rows): building and compiling such a
query cost 0.3-1.6 ms of Python, running it a tenth of that.

Anything outside the plain case goes through the ORM unchanged: a backend that transforms the
parameters (the markers are then not found by identity, e.g. SQLite's text datetimes), a value
not of the marker's exact type (a pk given as text), and more than one row (the ORM raises).
"""

import datetime
import itertools

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import FETCH_ONE, Func, IntegerField
from django.db.models.query import MAX_GET_RESULTS, ValuesListIterable, get_related_populators

_markers = itertools.count(1)

NOT_PREPARED = object()


def marker(kind):
    """A fresh object of `kind` that no other parameter can be (compared by identity)."""
    number = next(_markers)
    if kind is int:
        # Within a small integer column's range (a value past it makes the ORM drop the
        # lookup), and never one of CPython's shared small ints: a fresh object each time.
        return int(str(1000 + number % 30000))
    if kind is str:
        return f"\x00prepared-{number}"
    if kind is datetime.datetime:
        return datetime.datetime.fromtimestamp(number % 10**9, tz=datetime.UTC)
    raise TypeError(f"no marker for {kind.__name__}")


class PreparedGet:
    """`build(**values).get()` for at most one row, compiled once per database alias.

    `build` returns the queryset for the given values; `kinds` names each value's exact type.
    `get(**values)` returns the instance, None when no row matches, or NOT_PREPARED when the
    caller must use the ORM (see the module's docstring).
    """

    def __init__(self, model, build, *, for_write=False, **kinds):
        self.model = model
        self.build = build
        self.kinds = kinds
        self.for_write = for_write  # a locking read runs where the ORM's would: the writer's
        self._plans = {}

    def get(self, **values):
        for name, kind in self.kinds.items():
            if type(values[name]) is not kind:
                return NOT_PREPARED
        route = router.db_for_write if self.for_write else router.db_for_read
        alias = route(self.model)
        plan = self._plans.get(alias)
        if plan is None:
            plan = self._plans[alias] = self._prepare(alias)
        if plan is NOT_PREPARED:
            return NOT_PREPARED
        sql, slots, init_list, start, end, converters, populators = plan
        params = [constant if name is None else values[name[0]] for name, constant in slots]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchmany(2)
        if not rows:
            return None
        if len(rows) > 1:
            return NOT_PREPARED
        row = list(rows[0])
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        instance = self.model.from_db(alias, init_list, row[start:end], fetch_mode=FETCH_ONE)
        for populator in populators:  # select_related(): the ORM's own populators, kept
            populator.populate(row, instance)
        return instance

    def _prepare(self, alias):
        markers = {name: marker(kind) for name, kind in self.kinds.items()}
        queryset = self.build(**markers).order_by()
        queryset.query.set_limits(high=MAX_GET_RESULTS)
        if queryset.query.annotations:
            return NOT_PREPARED
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots, all_seen = _slots(params, markers)
        if not all_seen:
            return NOT_PREPARED
        select_fields = compiler.klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        init_list = [column[0].target.attname for column in compiler.select[start:end]]
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = list(compiler.get_converters(fields).items())
        populators = get_related_populators(compiler.klass_info, compiler.select, alias, FETCH_ONE)
        return sql, slots, init_list, start, end, converters, populators


def _slots(params, markers):
    """(each parameter as ((name, index), None) for a marker (index: a list marker's item, else
    None) or (None, constant), whether every marker appears); a value used twice (a user in a
    subquery too) appears twice."""
    named = {}
    for name, value in markers.items():
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            named[id(item)] = (name, index, item)
    slots, seen = [], set()
    for param in params:
        found = named.get(id(param))
        if found is not None and found[2] is param:
            slots.append(((found[0], found[1]), None))
            seen.add(id(param))
        else:
            slots.append((None, param))
    return slots, seen == named.keys()


class PreparedRows:
    """`list(build(**values))` for a `values_list()` queryset of `model` (tuples), compiled
    once per database alias and per length of each list value.

    `kinds` names each value's type: `int`, `str`, or `list` (of ints). The queryset's shape
    must follow from the kinds, the lists' lengths and the positional `shape` arguments alone
    (hashable: a role, an ordering, a page window), which `build` receives before the values
    and which key the plans too: every value reaches the SQL as a parameter, untouched, or
    not at all (checked when compiling; otherwise, and for a value of another type, the ORM
    runs it).
    At most MAX_PLANS plans are kept, the oldest dropped first.
    """

    MAX_PLANS = 256

    def __init__(self, model, build, **kinds):
        self.model = model
        self.build = build
        self.kinds = kinds
        self._plans = {}

    def rows(self, *shape, **values):
        if not all(_fits(values[name], kind) for name, kind in self.kinds.items()):
            return list(self.build(*shape, **values))
        alias = router.db_for_read(self.model)
        lengths = tuple(len(values[n]) for n, kind in self.kinds.items() if kind is list)
        key = (alias, shape, lengths) if shape else (alias, *lengths)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= self.MAX_PLANS:
                del self._plans[next(iter(self._plans))]
            plan = self._plans[key] = self._prepare(alias, shape, lengths)
        if plan is NOT_PREPARED:
            return list(self.build(*shape, **values))
        sql, slots, converters, width = plan
        params = [
            constant if name is None else _value(values[name[0]], name[1])
            for name, constant in slots
        ]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if rows and len(rows[0]) > width:
            rows = [row[:width] for row in rows]
        if not converters:
            return rows
        rows = [list(row) for row in rows]
        for row in rows:
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
        return [tuple(row) for row in rows]

    def _prepare(self, alias, shape, lengths):
        """The plan, compiled twice with different markers: the same SQL and the same constants
        in both proves that every value is a parameter of its own or not used at all (a value
        transformed into a parameter, or shaping the SQL, would differ)."""
        first, second = (self._compile(alias, shape, lengths) for _twice in range(2))
        if NOT_PREPARED in (first, second) or first[:2] != second[:2]:
            return NOT_PREPARED
        return first

    def _compile(self, alias, shape, lengths):
        lengths = iter(lengths)
        markers = {
            name: [marker(int) for _i in range(next(lengths))] if kind is list else marker(kind)
            for name, kind in self.kinds.items()
        }
        queryset = self.build(*shape, **markers)
        query = queryset.query
        if queryset._iterable_class is not ValuesListIterable:
            return NOT_PREPARED  # a flat or named values_list(), values() or instances
        compiler = query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # `none()`, an empty IN: the ORM answers without a query
            return NOT_PREPARED
        slots, _all_seen = _slots(params, markers)
        # As `results_iter` reads the rows: the selected columns' converters, and the columns
        # past them (an ordering the SELECT needs, e.g. for DISTINCT) left out.
        selected = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = list(compiler.get_converters(selected).items())
        return sql, slots, converters, compiler.col_count


def _fits(value, kind):
    if kind is list:
        return type(value) is list and all(type(item) is int for item in value)
    return type(value) is kind


def _value(value, index):
    return value if index is None else value[index]


class RowCount(Func):
    """`COUNT(*)` as a plain (non-aggregate) annotation: `values_list("rows")` of it is the
    queryset's count in one row, with no GROUP BY, as a `PreparedRows` read."""

    template = "COUNT(*)"
    contains_aggregate = False

    def __init__(self):
        super().__init__(output_field=IntegerField())


def counted(queryset):
    """`queryset`'s count as a `values_list()` of one row (`RowCount`)."""
    return queryset.order_by().annotate(rows=RowCount()).values_list("rows")


class PreparedList:
    """Rows for a paginator (Django's or DRF's) of an unfiltered list: `count()` and each page
    window (`[start:stop]`, as dicts of `keys`) from two `PreparedRows` reads given their
    shapes (the rows' then with the window's bounds) and `values`; an index or a whole
    iteration from the ORM's `fallback()` rows. `keep_count(counting)`, when given, answers
    the count, calling `counting()` only when it has no answer of its own (a cache)."""

    ordered = True

    def __init__(self, *, count, rows, keys, count_shape, shape, values, fallback, keep_count=None):
        self._count, self._rows, self.keys = count, rows, keys
        self.count_shape, self.shape = count_shape, shape
        self.values, self.fallback = values, fallback
        self.keep_count = keep_count

    def count(self):
        if self.keep_count is not None:
            return self.keep_count(self._counting)
        return self._counting()

    def _counting(self):
        return self._count.rows(*self.count_shape, **self.values)[0][0]

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step is not None or key.start is None:
            return self.fallback()[key]
        window = (*self.shape, key.start, key.stop)
        keys = self.keys
        return [
            dict(zip(keys, row, strict=True)) for row in self._rows.rows(*window, **self.values)
        ]

    def __iter__(self):
        return iter(self.fallback())
