"""Runs an export described by an ExportJob's parameters, as its user may see the data."""

from django.utils import translation

from innovations.filters import innovations_filtered
from innovations.models import Cycle, Innovation
from intan_banjar.tabular import API_CSV, DIALECTS

from .exporters import exporter
from .rows import innovation_filters


def export_params(job):
    """Keyword arguments of the exporter for this job, scoped to the job's user."""
    params = dict(job.params)
    if job.kind == "launch":
        cycle = Cycle.objects.get(year=params["year"])
        return {
            "cycle": cycle,
            "user": job.user,
            "year": cycle.year,
            "include_approved": bool(params.get("include_approved")),
        }
    if job.kind == "innovations":
        # Validated when the job was started; checked again, so a stored value cannot widen it.
        base = Innovation.objects.visible_to(job.user)
        queryset, cleaned = innovations_filtered(base, params.get("filters", {}))
        return {
            "queryset": queryset,
            "year": cleaned.get("year"),
            "filters": innovation_filters(params.get("filters", {})),
        }
    return exporter(job.kind, job.format).job_params(job)


def run_export(job, target, *, on_row=None):
    """Write the job's file into `target`; returns (file name, rows written)."""
    with translation.override(job.params.get("language") or "id"):
        export = exporter(job.kind, job.format)
        params = export_params(job)
        total = _count(job.kind, params)
        if total:
            job.__class__.objects.filter(pk=job.pk).update(rows_total=total)
        # The CSV dialect the download button asked for (`reports.downloads.csv_dialect`).
        dialect = DIALECTS.get(job.params.get("dialect"), API_CSV)
        export.write(target, on_row=on_row, dialect=dialect, **params)
        return export.filename(**params), total


def _count(kind, params):
    if kind == "innovations":
        return params["queryset"].count()
    if "rows" in params:  # rows already read (compliance)
        return len(params["rows"])
    return 0
