"""The legacy archive import page: template, upload, preview with progress, import."""

import io

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from intan_banjar.downloads import with_filename
from intan_banjar.pages import attempt
from intan_banjar.tabular import EXCEL_ID, form_filters
from reports.downloads import export_response
from reports.exporters import formats_of

from .. import legacy
from ..enums import ImportStatus
from ..filters import ImportRowFilter
from ..forms import ImportUploadForm
from ..legacy_template import COLUMNS, template_csv, template_xlsx
from ..models import LegacyImport
from ..rules import may_import_archive

ROWS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(request):
    if not may_import_archive(request.user):
        raise PermissionDenied


def _list_page(request, form, status=200):
    jobs = LegacyImport.objects.select_related("created_by", "preview")[:20]
    return render(
        request,
        "portfolio/imports.html",
        {"form": form, "jobs": jobs, "columns": COLUMNS},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def import_list(request):
    _require(request)
    if request.method != "POST":
        return _list_page(request, ImportUploadForm())
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    result = attempt(
        request,
        lambda: legacy.legacy_import_preview(
            file=form.cleaned_data["file"], by=request.user, language=request.LANGUAGE_CODE
        ),
        form=form,
    )
    if result.failed:
        return _list_page(request, form, status=result.status)
    return redirect("portfolio:import", result.value.pk)


@require_safe
def import_template(request, fmt):
    _require(request)
    if fmt == "csv":
        response = StreamingHttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    else:
        buffer = io.BytesIO()
        template_xlsx(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    return with_filename(response, f"template-arsip-inovasi.{fmt}")


def _job(request, pk):
    _require(request)
    return get_object_or_404(LegacyImport.objects.select_related("created_by", "preview"), pk=pk)


def _rows(request, job):
    filterset = ImportRowFilter(request.GET or None, queryset=job.rows.order_by("number"))
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest("; ".join(" ".join(e) for e in filterset.errors.values()))
    return filterset


@require_safe
def import_detail(request, pk):
    job = _job(request, pk)
    filterset = _rows(request, job)
    context = {"job": job, "filter": filterset, "formats": formats_of("legacy-import")}
    if request.htmx and request.GET.get("part") == "progress":
        return render(request, "portfolio/import.html#progress", context)
    context["page"] = Paginator(filterset.qs, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context["running"] = job.status in (ImportStatus.PENDING, ImportStatus.RUNNING)
    return render(request, "portfolio/import.html", context)


@require_POST
def import_run(request, pk):
    job = _job(request, pk)
    result = attempt(
        request,
        lambda: legacy.legacy_import_start(
            preview=job, by=request.user, language=request.LANGUAGE_CODE
        ),
    )
    if result.failed:
        return redirect("portfolio:import", job.pk)
    messages.success(request, _("The import has started."))
    return redirect("portfolio:import", result.value.pk)


@require_safe
def import_rows_export(request, pk):
    job = _job(request, pk)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in formats_of("legacy-import"):
        raise BadRequest(_("Choose one of: %(formats)s.") % {"formats": "csv, xlsx"})
    filterset = _rows(request, job)
    return export_response(
        "legacy-import",
        fmt,
        queryset=filterset.qs,
        filters=form_filters(filterset.form),
        dialect=EXCEL_ID,
    )
