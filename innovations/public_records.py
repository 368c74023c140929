"""Public records for lists: the API's list of innovations, the open data files, the cards.

`PublicInnovationSerializer` defines the public body of one innovation; a list of 50 walked
its 23 fields and two nested serializers for each row, over model instances built for rows
that only need their values, and cost several times the page's SQL. Here the same body is
built from `.values()` rows: `public_rows` selects the columns, `with_people_records` adds the
innovators and partners (two queries, as `public_api.with_people`), `public_record` writes
the body. tests/innovations/test_public_fast_paths.py pins it against the serializer.
"""

from .models import Innovator, Partner

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


def public_rows(queryset):
    """`queryset` (of `public_innovations()`, filtered and ordered) as the rows of records."""
    return queryset.values(*RECORD_VALUES)


def with_people_records(rows):
    """Attach `innovators` and `partners` to each row as the objects the API shows
    (`{"name"}`, `{"actor", "name", "role"}`), straight from `values_list`: two queries."""
    rows = list(rows)
    by_id = {}
    for row in rows:
        row["innovators"], row["partners"] = [], []
        by_id[row["id"]] = row
    if by_id:
        innovators = Innovator.objects.filter(innovation_id__in=by_id)
        for innovation_id, name in innovators.values_list("innovation_id", "name"):
            by_id[innovation_id]["innovators"].append({"name": name})
        partners = Partner.objects.filter(innovation_id__in=by_id)
        for innovation_id, actor, name, role in partners.values_list(
            "innovation_id", "actor", "name", "role"
        ):
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
