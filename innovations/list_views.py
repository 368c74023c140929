"""The innovation list page: the API's filters as query parameters, search, sorting, paging.

One template serves the page and its htmx fragment; reads start from `visible_to(user)`.
"""

import functools

import rules
from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.enums import UnitKind
from accounts.models import Unit
from intan_banjar.choices import translated_labels
from intan_banjar.kept import Kept
from intan_banjar.prepared_reads import PreparedRows

from .cycles import cycle_years
from .filters import search_innovations, year_filter_status
from .forms import InnovationPageFilter
from .list_pages import page_rows
from .list_rows import RowPainter, prepared_rows
from .rules import sees_all_units

PAGE_SIZE = 25
# ?ordering= key -> (column heading, ORM order)
SORTABLE = {
    "code": (gettext_lazy("Code"), "code"),
    "title": (gettext_lazy("Title"), "title"),
    "unit": (gettext_lazy("Unit"), "unit__name"),
    "status": (gettext_lazy("Status"), "status"),
    "maturity": (gettext_lazy("Maturity"), "maturity"),
    "lab_stage": (gettext_lazy("Stage"), "lab_stage"),
    "created_at": (gettext_lazy("Created"), "created_at"),
    "submitted_at": (gettext_lazy("Submitted"), "submitted_at"),
}
DEFAULT_ORDERING = "-created_at"
# Actions whose rule asks for a reason: the page shows them with a required note.
REGION_FILTERS = ("unit", "unit_kind")


# ---- list ---------------------------------------------------------------------------------


def _ordering(request):
    value = request.GET.get("ordering", DEFAULT_ORDERING)
    key = value.lstrip("-")
    if key not in SORTABLE:
        value, key = DEFAULT_ORDERING, DEFAULT_ORDERING.lstrip("-")
    return value, key, value.startswith("-")


def _query(request, **changes):
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        params[name] = value
    return "?" + params.urlencode()


UNIT_SELECT_LIMIT = 300
# One more than the select holds: enough to know the units are too many for it.
_SELECTABLE_UNITS = PreparedRows(
    Unit, lambda: Unit.objects.order_by("name").values_list("code", "name")[: UNIT_SELECT_LIMIT + 1]
)


def _all_or_one(field, choices):
    """`choices` after a single "All": django-filter's choice field puts its own empty choice
    ("---------") before whatever choices it is given, unless its `empty_label` says otherwise."""
    field.empty_label = _("All")
    field.choices = choices


def _prepare_filter_form(form, region, years, units):
    """Friendlier widgets on the API's FilterSet form: selects with "all" instead of dashes."""

    form.fields["year"].widget = forms.Select(choices=[("", _("All years")), *years])
    form.fields["year"].label = _("Year")
    if region:
        # A select of every unit serves a regency (72); a province's thousands would make the
        # page heavy on a phone, so past the limit the unit is typed as its code.
        if len(units) <= UNIT_SELECT_LIMIT:
            form.fields["unit"].widget = forms.Select(choices=[("", _("All units")), *units])
        else:
            form.fields["unit"].widget = forms.TextInput(attrs={"placeholder": _("Unit code")})
        form.fields["unit"].label = _("Unit")
        form.fields["unit_kind"].label = _("Unit kind")
        _all_or_one(form.fields["unit_kind"], translated_labels(UnitKind).items())
    else:
        for name in REGION_FILTERS:
            del form.fields[name]
    labels = {
        "status": _("Status"),
        "maturity": _("Maturity"),
        "lab_stage": _("Stage"),
        "origin": _("Origin"),
        "form": _("Form"),
        "type": _("Type"),
        "source_category": _("Source"),
    }
    for name, label in labels.items():
        field = form.fields[name]
        field.label = label
        # Labels as text once: a lazy label is translated again at each use while drawing.
        _all_or_one(field, [(v, str(c)) for v, c in field.choices if v != ""])
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.update({"class": f"{css} {css}-sm", "data-autosubmit": ""})


# The bar's fields while nothing is filtered, as drawn, per language and choices.
_UNFILTERED_BARS = Kept(32)


def _filter_fields(request, filterset, region, plain):
    """The filter bar's fields as HTML.

    While no filter is asked for (most requests) the bar depends only on the language and the
    choices (years, units), so it is drawn once per process for them: preparing and drawing
    its nine widgets took a third of the page's Python. A filtered bar is drawn each time.
    `filterset` is called only when the bar is drawn or the request has parameters to check.
    """
    years = tuple((year, year) for year in cycle_years())
    units = tuple(_SELECTABLE_UNITS.rows()) if region else ()
    unfiltered = plain or not any(name in request.GET for name in filterset().form.fields)
    key = (get_language(), region, years, units)

    def draw():
        form = filterset().form
        _prepare_filter_form(form, region, years, units)
        return render_to_string("innovations/list_filter_fields.html", {"form": form})

    return _UNFILTERED_BARS.get(key, draw) if unfiltered else draw()


@require_safe
def innovation_list(request):
    user = request.user
    region = bool(sees_all_units(user))

    @functools.cache
    def filterset():
        # Built only when needed: a request of nothing but an order and a page (most) never
        # needs it, and its form's fields are deep-copied at each construction.
        data = request.GET.copy()
        if not region:
            for name in REGION_FILTERS:
                data.pop(name, None)
        built = InnovationPageFilter(
            data, queryset=prepared_rows().visible_to(user), request=request
        )
        # The results alone (htmx): the form is not drawn, only its year's label is said (400).
        built.form.fields["year"].label = _("Year")
        return built

    htmx = getattr(request, "htmx", False)
    search = request.GET.get("search", "").strip()
    ordering, sort_key, descending = _ordering(request)
    tie_break = "-id" if descending else "id"

    def filtered():
        return search_innovations(filterset().qs, search).order_by(ordering, tie_break)

    # No filter nor search asked for: the count and the page from SQL compiled once.
    rows = page_rows(user, request.GET, ordering, tie_break, filtered)
    plain = rows is not None
    filter_fields = "" if htmx else _filter_fields(request, filterset, region, plain)
    page = Paginator(filtered() if rows is None else rows, PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    columns = []
    for key, (label, _order) in SORTABLE.items():
        is_sorted = key == sort_key
        next_value = key if (is_sorted and descending) or not is_sorted else f"-{key}"
        columns.append(
            {
                "key": key,
                "label": str(label),
                "url": _query(request, ordering=next_value),
                "sorted": ("descending" if descending else "ascending") if is_sorted else "",
            }
        )
    context = {
        "page": page,
        "rows": RowPainter(region).rows(page.object_list),
        "filter_fields": filter_fields,
        "search": search,
        "columns": {c["key"]: c for c in columns},
        "region": region,
        "can_create": rules.test_rule("innovations.create_innovation", user),
        "page_query": _query(request),
    }
    template = "innovations/list.html"
    if htmx:
        template += "#results"
    # A plain request has no `?year=` to refuse.
    status = 200 if plain else year_filter_status(request, filterset())
    return render(request, template, context, status=status)


# ---- create / edit ------------------------------------------------------------------------
