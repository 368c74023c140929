"""What the innovation list API reads: the page's rows and their children as values (issue 20).

The list's serializer used to get model instances: each innovation with its unit, cycle, creator
and community submitter, and three prefetches of innovators, partners and files; some 340
instances a page of 50, each with every column (the cycle's JSON settings decoded 50 times), for
a body that shows a few of them. Here the page is one query of the columns the body shows and
three of the children's columns, in the order the prefetches had (the same five queries).
`serializers_list.InnovationListSerializer` writes the body from these dicts.
"""

from collections import defaultdict

from django.db.models import OuterRef, Subquery

from accounts.models import Unit
from intan_banjar.prepared_reads import PreparedRows

from . import querysets
from .models import PROFILE_FIELDS, Attachment, Cycle, Innovation, Innovator, Partner

SUBMITTER = "community_submitter__"
SUBMITTER_FIELDS = ("name", "email", "phone", "village", "email_confirmed_at")
LIST_COLUMNS = (
    "id",
    "code",
    "cycle_year",
    "unit_id",
    "unit_code",
    "created_by_id",
    "status",
    "source_category",
    *PROFILE_FIELDS,
    "lab_stage",
    "score",
    "review_round",
    "created_at",
    "updated_at",
    "submitted_at",
    "decided_at",
    "predecessor_id",
    "import_key",
    f"{SUBMITTER}id",
    *(f"{SUBMITTER}{name}" for name in SUBMITTER_FIELDS),
)
CHILDREN = {
    "innovators": (Innovator, ("name", "nip")),
    "partners": (Partner, ("actor", "name", "role")),
    "attachments": (
        Attachment,
        ("id", "kind", "indicator", "lab_stage", "filename", "size", "content_type", "uploaded_at"),
    ),
}


def list_values(queryset):
    """`queryset` (annotated with `score`) as the list API's row dicts.

    The cycle's year and the unit's code are subqueries rather than joins, so the page's count
    reads the innovations as it did: the submitter's outer join (on a unique key) PostgreSQL
    leaves out, but with a second one it also chose a slower index for the COUNT (25 ms
    instead of 9 at 100,000 innovations).
    """
    year = Cycle.objects.filter(pk=OuterRef("cycle_id")).order_by().values("year")
    code = Unit.objects.filter(pk=OuterRef("unit_id")).order_by().values("code")
    return queryset.annotate(cycle_year=Subquery(year), unit_code=Subquery(code)).values(
        *LIST_COLUMNS
    )


_prepared = (None, None)


def prepared_list_values():
    """`list_values` of every innovation with its score, built once per process (0.2 ms to
    clone instead of some 1.5 ms to build: forty columns resolved, two subqueries); the caller
    narrows it to the user's innovations. Built again if another score annotation is
    registered (tests register their own)."""
    global _prepared
    annotators = querysets._score_annotators
    key = annotators[-1] if annotators else None
    if _prepared[0] is not key or _prepared[1] is None:
        _prepared = (key, list_values(Innovation.objects.with_score()))
    return _prepared[1].all()


def _children_of(model, columns):
    """The children of a page's innovations, in the model's own ordering (position, id;
    uploaded_at, id) as the prefetches read them; SQL compiled once per page length."""
    return PreparedRows(
        model,
        lambda ids: model.objects.filter(innovation_id__in=ids).values_list(
            "innovation_id", *columns
        ),
        ids=list,
    )


CHILD_READS = {
    name: (("innovation_id", *columns), _children_of(model, columns))
    for name, (model, columns) in CHILDREN.items()
}


def attach_children(rows):
    """Add each row's innovators, partners and attachments (lists of dicts, in their order)."""
    if not rows:
        return rows
    ids = [row["id"] for row in rows]
    for name, (keys, read) in CHILD_READS.items():
        by_innovation = defaultdict(list)
        for values in read.rows(ids=ids):
            by_innovation[values[0]].append(dict(zip(keys, values, strict=True)))
        for row in rows:
            row[name] = by_innovation.get(row["id"], ())
    return rows
