"""Public records for lists: the API's list of innovations, the open data files, the cards.

`PublicInnovationSerializer` defines the public body of one innovation; a list of 50 walked
its 23 fields and two nested serializers for each row, over model instances built for rows
that only need their values, and cost several times the page's SQL. Here the same body is
built from `.values()` rows: `public_rows` selects the columns, `with_people_records` adds the
innovators and partners (two queries, as `public_api.with_people`), `public_record` writes
the body. tests/innovations/test_public_fast_paths.py pins it against the serializer.

The queryset of what is public (`public_innovations`, read through `public_api` too) lives
here, beside the fields, so that `public_pages` can prepare its reads without importing the
API's module (which uses `public_pages`).
"""

from intan_banjar.prepared_reads import PreparedRows

from .enums import Status
from .models import Innovation, Innovator, Partner

# The public body of an innovation, in its order (the API, the open data files): no budget,
# scores, notes, history, attachments or submitter contact data.
PUBLIC_FIELDS = [
    "code",
    "title",
    "year",
    "unit",
    "unit_name",
    "source_category",
    "form",
    "type",
    "initiator",
    "maturity",
    "trial_date",
    "implementation_date",
    "summary",
    "problem",
    "design",
    "goals",
    "benefits",
    "results",
    "video_url",
    "innovators",
    "partners",
    "demo",
    "imported",
]
# Where a record reads each public field in a `.values()` row (`id` to attach the people).
_COLUMN_OF = {
    "unit": "unit__code",
    "unit_name": "unit__name",
    "demo": "is_demo",
    "imported": "import_key",
}
RECORD_VALUES = (
    "id",
    *(
        _COLUMN_OF.get(name, name)
        for name in PUBLIC_FIELDS
        if name not in ("innovators", "partners")
    ),
)


# What a catalogue card shows (`{% catalogue_cards %}`); the view adds each row's `url`.
CARD_VALUES = (
    "code",
    "year",
    "is_demo",
    "import_key",
    "title",
    "unit__name",
    "summary",
    "source_category",
    "form",
    "type",
    "maturity",
)


# The columns a public list or page reads: the public fields that are columns, and what the
# cards and filters need besides. The rest of the row (budget, notes, JSON indicator data) is
# never fetched for the public side.
_COLUMNS = {field.name for field in Innovation._meta.concrete_fields}
PUBLIC_COLUMNS = [
    *(name for name in PUBLIC_FIELDS if name in _COLUMNS),
    "status",
    "origin",
    "is_demo",
    "import_key",
    "predecessor",
    "unit__code",
    "unit__name",
    "unit__kind",
]


def public_innovations():
    """Launched innovations of every year with the columns a public list or page shows.

    Deliberately not `for_list()`: that one joins the community submitter and the score. Their
    innovators and partners come from `with_people`.
    """
    return (
        Innovation.objects.filter(status=Status.LAUNCHED)
        .select_related("unit")
        .only(*PUBLIC_COLUMNS)
        .order_by("-year", "title", "id")
    )


def public_rows(queryset):
    """`queryset` (of `public_innovations()`, filtered and ordered) as the rows of records."""
    return queryset.values(*RECORD_VALUES)


# A page's people (at most the API's largest page, 200 rows) from SQL compiled once per number
# of rows: building the two `IN` queries cost more than running them. The export's chunks of a
# thousand take the ORM (`people_rows`).
PREPARED_PEOPLE = 200


def _innovators(ids):
    return Innovator.objects.filter(innovation_id__in=ids).values_list("innovation_id", "name")


def _partners(ids):
    return Partner.objects.filter(innovation_id__in=ids).values_list(
        "innovation_id", "actor", "name", "role"
    )


_INNOVATORS = PreparedRows(Innovator, _innovators, ids=list)
_PARTNERS = PreparedRows(Partner, _partners, ids=list)


def people_rows(ids):
    """(innovators as (innovation id, name), partners as (innovation id, actor, name, role)) of
    the innovations `ids` (a list of ints), each in its model's order: two queries."""
    if len(ids) > PREPARED_PEOPLE:
        return list(_innovators(ids)), list(_partners(ids))
    return _INNOVATORS.rows(ids=ids), _PARTNERS.rows(ids=ids)


def with_people_records(rows):
    """Attach `innovators` and `partners` to each row as the objects the API shows
    (`{"name"}`, `{"actor", "name", "role"}`): two queries (`people_rows`)."""
    rows = list(rows)
    by_id = {}
    for row in rows:
        row["innovators"], row["partners"] = [], []
        by_id[row["id"]] = row
    if by_id:
        innovators, partners = people_rows(list(by_id))
        for innovation_id, name in innovators:
            by_id[innovation_id]["innovators"].append({"name": name})
        for innovation_id, actor, name, role in partners:
            by_id[innovation_id]["partners"].append({"actor": actor, "name": name, "role": role})
    return rows


def _date(value):
    return value.isoformat() if value else None


def public_record(row):
    """`PublicInnovationSerializer(innovation).data` of a row of `with_people_records`.

    The same keys in the same order; the values are already what the serializer's fields
    give: text and choices as stored ("" when blank), the unit's code and name or None for a
    community innovation, dates in ISO 8601 or None, booleans.
    """
    return {
        "code": row["code"],
        "title": row["title"],
        "year": row["year"],
        "unit": row["unit__code"],
        "unit_name": row["unit__name"],
        "source_category": row["source_category"],
        "form": row["form"],
        "type": row["type"],
        "initiator": row["initiator"],
        "maturity": row["maturity"],
        "trial_date": _date(row["trial_date"]),
        "implementation_date": _date(row["implementation_date"]),
        "summary": row["summary"],
        "problem": row["problem"],
        "design": row["design"],
        "goals": row["goals"],
        "benefits": row["benefits"],
        "results": row["results"],
        "video_url": row["video_url"],
        "innovators": row["innovators"],
        "partners": row["partners"],
        "demo": row["is_demo"],
        "imported": bool(row["import_key"]),
    }
