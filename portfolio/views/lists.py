"""The portfolio across innovations: the monitoring dashboard, decrees and replications, with
their exports. Every list starts from what the user may see (`visible_to`)."""

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from innovations.models import Cycle, Innovation
from intan_banjar.tabular import EXCEL_ID, form_filters
from reports.downloads import export_response
from reports.exporters import formats_of

from ..enums import ObligationStatus
from ..filters import DecreeFilter, ObligationFilterForm, ReplicationFilter
from ..models import Decree, Replication
from ..monitoring import obligations
from ..schedule import schedule_of

PAGE_SIZE = 50


def _valid(filterset):
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest(
            "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        )
    return filterset.qs


def _format(request, report):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in formats_of(report):
        raise BadRequest(
            _("Choose one of: %(formats)s.") % {"formats": ", ".join(formats_of(report))}
        )
    return fmt


def _export(request, report, fmt, queryset, form):
    """A page's download: CSV for Excel with Indonesian settings, the filters in the XLSX title."""
    return export_response(
        report, fmt, queryset=queryset, filters=form_filters(form), dialect=EXCEL_ID
    )


def _query(request):
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    return params.urlencode()


def monitoring_owed(request):
    """(filter form, the obligations queryset) for the dashboard and its export."""
    form = ObligationFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise BadRequest("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    cleaned = form.cleaned_data if form.is_bound else {}
    base = Innovation.objects.visible_to(request.user)
    if cleaned.get("unit"):
        base = base.filter(unit__code__iexact=cleaned["unit"])
    states = form.states() if form.is_bound else (ObligationStatus.DUE, ObligationStatus.OVERDUE)
    return form, obligations(base, states=states, year=cleaned.get("year"))


@require_safe
def monitoring_dashboard(request):
    form, owed = monitoring_owed(request)
    page = Paginator(owed, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    counts = {
        state: obligations(Innovation.objects.visible_to(request.user), states=(state,)).count()
        for state in (ObligationStatus.DUE, ObligationStatus.OVERDUE)
    }
    cycle = Cycle.objects.current()
    return render(
        request,
        "portfolio/monitoring.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "counts": counts,
            "schedule": schedule_of(cycle) if cycle else None,
            "cycle": cycle,
            "query": _query(request),
            "formats": formats_of("monitoring"),
        },
    )


@require_safe
def monitoring_export(request):
    fmt = _format(request, "monitoring")
    form, owed = monitoring_owed(request)
    return _export(request, "monitoring", fmt, owed, form)


def _decrees(request):
    base = Decree.objects.visible_to(request.user).for_list().select_related("document")
    filterset = DecreeFilter(request.GET or None, queryset=base.order_by("valid_until", "id"))
    return filterset, _valid(filterset)


@require_safe
def decree_list(request):
    filterset, queryset = _decrees(request)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portfolio/decrees.html",
        {
            "filter": filterset,
            "page": page,
            "query": _query(request),
            "formats": formats_of("decrees"),
        },
    )


@require_safe
def decree_export(request):
    fmt = _format(request, "decrees")
    filterset, queryset = _decrees(request)
    return _export(request, "decrees", fmt, queryset, filterset.form)


def _replications(request):
    base = Replication.objects.visible_to(request.user).for_list().select_related("adopter_unit")
    filterset = ReplicationFilter(
        request.GET or None, queryset=base.order_by("-replicated_on", "id")
    )
    return filterset, _valid(filterset)


@require_safe
def replication_list(request):
    filterset, queryset = _replications(request)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portfolio/replications.html",
        {
            "filter": filterset,
            "page": page,
            "query": _query(request),
            "formats": formats_of("replications"),
        },
    )


@require_safe
def replication_export(request):
    fmt = _format(request, "replications")
    filterset, queryset = _replications(request)
    return _export(request, "replications", fmt, queryset, filterset.form)
