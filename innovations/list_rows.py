"""The rows of the innovation list page, read as values and drawn in Python (issue 20).

The page shows eight short columns per row. Drawn by the template language from model instances
with three prefetches (only to count innovators, partners and files), a page of 25 rows cost
about 10 ms of Python: every `{{ }}` lookup, `{% url %}` and `get_FOO_display` per row, and
hundreds of model instances built for their lengths. Here the rows are one query of the few
columns shown, with the three counts as correlated subqueries (evaluated for the page's rows
only), and each row is one format string filled with escaped values; the labels, the detail
URL and the "community" caption are resolved once per page. The markup is byte for byte the
template's (tests/innovations/test_list_rows.py renders both).
"""

from django.db.models import IntegerField, OuterRef, Subquery
from django.urls import reverse
from django.utils import dateformat
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from intan_banjar.choices import translated_labels

from .enums import LabStage, Maturity, Status
from .models import Attachment, Innovation, Innovator, Partner

# What `django.utils.html.escape` replaces, as one `str.translate` table (the same table).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
ROW_COLUMNS = ("id", "status", "code", "title", "maturity", "lab_stage", "created_at", "unit_id")
ROW_KEYS = (*ROW_COLUMNS, "unit__name", "n_innovators", "n_partners", "n_attachments")


class _Count(Subquery):
    """`(SELECT count(*) FROM (subquery))`: how many related rows, 0 when there are none."""

    template = "(SELECT count(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def _related_count(model):
    return _Count(model.objects.filter(innovation=OuterRef("pk")).order_by().values("pk"))


def list_rows(queryset):
    """The list page's rows of `queryset` as dicts: the shown columns and the three counts."""
    return queryset.annotate(
        n_innovators=_related_count(Innovator),
        n_partners=_related_count(Partner),
        n_attachments=_related_count(Attachment),
    ).values(*ROW_KEYS)


_prepared = None


def prepared_rows():
    """`list_rows` of every innovation, built once per process (cloned in a fifth of the time
    it takes to build); the view narrows it to the user's innovations and the filters."""
    global _prepared
    if _prepared is None:
        _prepared = list_rows(Innovation.objects.all())
    return _prepared.all()


def _escape(value):
    return str(value).translate(_ESCAPES)


_ROW = (
    '\n        <tr data-innovation="{pk}">'
    '\n          <td><span class="status-badge status-{status}">{status_label}</span></td>'
    '\n          <td class="d-none d-md-table-cell text-nowrap"><code>{code}</code></td>'
    "\n          <td>"
    '\n            <a class="fw-semibold" href="{url}" hx-boost="false">{title}</a>'
    '\n            <div class="row-meta d-md-none small text-body-secondary">{code}{meta}</div>'
    "\n            {unit_meta}"
    "\n          </td>"
    "\n          {unit_cell}"
    '\n          <td class="d-none d-md-table-cell small">{maturity}</td>'
    '\n          <td class="d-none d-md-table-cell small">{lab_stage}</td>'
    '\n          <td class="d-none d-xl-table-cell small text-nowrap">{counts}</td>'
    '\n          <td class="d-none d-lg-table-cell small text-nowrap">{created}</td>'
    "\n        </tr>"
    "\n        "
)
_UNIT_META = '<div class="row-meta d-lg-none small text-body-secondary">{}</div>'
_UNIT_CELL = '<td class="d-none d-lg-table-cell small">{}</td>'
_COMMUNITY_CELL = '<span class="text-body-secondary">{}</span>'
_NONE = "—"
_PK_MARK = 987654321


class RowPainter:
    """Draws rows for one request: labels, URL pattern and captions resolved once."""

    def __init__(self, region):
        self.region = region
        self.status = {k: _escape(v) for k, v in translated_labels(Status).items()}
        self.maturity = {k: _escape(v) for k, v in translated_labels(Maturity).items()}
        self.lab_stage = {k: _escape(v) for k, v in translated_labels(LabStage).items()}
        url = reverse("innovations:detail", args=[_PK_MARK])
        self.url_head, self.url_tail = (_escape(part) for part in url.split(str(_PK_MARK), 1))
        community = _escape(_("Community (masyarakat)"))
        self.community_meta = _UNIT_META.format(community)
        self.community_cell = _UNIT_CELL.format(_COMMUNITY_CELL.format(community))
        self.dates = {}

    def _date(self, value):
        day = localtime(value).date()
        text = self.dates.get(day)
        if text is None:
            text = self.dates[day] = _escape(dateformat.format(day, "j F Y"))
        return text

    def row(self, row):
        pk, status = row["id"], row["status"]
        maturity, lab_stage = row["maturity"], row["lab_stage"]
        maturity_label = self.maturity.get(maturity, _escape(maturity)) if maturity else ""
        lab_label = self.lab_stage.get(lab_stage, _escape(lab_stage)) if lab_stage else ""
        meta = ""
        if maturity:
            meta = f" · {maturity_label}"
        if lab_stage:
            meta += f" · {lab_label}"
        unit_meta = unit_cell = ""
        if self.region:
            if row["unit_id"] is None:
                unit_meta, unit_cell = self.community_meta, self.community_cell
            else:
                name = _escape(row["unit__name"])
                unit_meta, unit_cell = _UNIT_META.format(name), _UNIT_CELL.format(name)
        code = _escape(row["code"])
        escaped_status = _escape(status)
        return _ROW.format(
            pk=pk,
            status=escaped_status,
            status_label=self.status.get(status) or escaped_status,
            code=code,
            url=f"{self.url_head}{pk}{self.url_tail}",
            title=_escape(row["title"]),
            meta=meta,
            unit_meta=unit_meta,
            unit_cell=unit_cell,
            maturity=maturity_label or _NONE,
            lab_stage=lab_label or _NONE,
            counts=f"{row['n_innovators']} · {row['n_partners']} · {row['n_attachments']}",
            created=self._date(row["created_at"]),
        )

    def rows(self, rows):
        return mark_safe("".join(map(self.row, rows)))  # noqa: S308 - every value escaped in row()
