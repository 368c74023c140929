"""Pages of the reports app: the region dashboard, the launch report, export progress."""

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from rules.contrib.views import permission_required

from innovations.cycles import cycle_for_page
from innovations.enums import Status
from innovations.models import Cycle, Innovation
from intan_banjar.pages import attempt

from . import launch, services
from .exporters import formats_of, report_sections
from .forms import LaunchEventForm
from .models import ExportJob


@require_safe
@permission_required("reports.view_dashboard", raise_exception=True)
def dashboard(request):
    from .dashboard import region_overview

    cycle, status = cycle_for_page(request)
    context = region_overview(cycle=cycle, user=request.user)
    context["cycles"] = Cycle.objects.order_by("-year")
    return render(request, "reports/dashboard.html", context, status=status)


@require_safe
@permission_required("reports.view_launch_report", raise_exception=True)
def launch_report(request, year):
    cycle = Cycle.objects.resolve(year)
    try:
        approved = launch.include_approved(request.GET.get("include"))
    except ValidationError as exc:
        raise BadRequest(" ".join(exc.messages)) from exc
    return _render_launch_report(request, cycle, approved)


def _render_launch_report(request, cycle, approved=False, event_form=None, status=200):
    """The report page; `event_form` is the launch event form as posted when it had errors."""
    report = launch.launch_report(cycle=cycle, user=request.user, include_approved=approved)
    rows = launch.report_rows(cycle=cycle, user=request.user, include_approved=approved)
    event = getattr(cycle, "launch_event", None)
    context = {
        "cycle": cycle,
        "report": report,
        "sections": report_sections(report),
        "rows": rows,
        "include_approved": approved,
        "formats": formats_of("launch"),
        "event": event,
    }
    if request.user.has_perm("reports.manage_launch"):
        initial = (
            {"name": event.name, "date": event.date, "venue": event.venue}
            if event is not None
            else {"name": f"Launching INTAN BANJAR {cycle.year}", "date": cycle.launch_date}
        )
        context["event_form"] = event_form or LaunchEventForm(initial=initial)
        context["approved"] = (
            Innovation.objects.visible_to(request.user)
            .filter(cycle=cycle, status=Status.APPROVED)
            .select_related("unit")
            .order_by("code")
        )
    return render(request, "reports/launch_report.html", context, status=status)


@require_POST
@permission_required("reports.manage_launch", raise_exception=True)
def launch_event_create(request, year):
    """Save the cycle's launch event: the first time it is created, afterwards corrected."""
    cycle = Cycle.objects.resolve(year)
    form = LaunchEventForm(request.POST)
    if form.is_valid():
        result = attempt(
            request,
            lambda: services.launch_event_create(
                cycle=cycle, by=request.user, update=True, **form.cleaned_data
            ),
            catch_refusal=False,
        )
        if not result.failed:
            messages.success(request, _("The launch event was saved."))
    else:
        # Shown again with what was typed and the error banner naming the fields.
        return _render_launch_report(request, cycle, event_form=form, status=400)
    return redirect("reports:launch", year=cycle.year)


@require_POST
@permission_required("reports.manage_launch", raise_exception=True)
def launch_add(request, year):
    cycle = Cycle.objects.resolve(year)
    event = getattr(cycle, "launch_event", None)
    if event is None:
        messages.error(request, _("Create the launch event first."))
        return redirect("reports:launch", year=cycle.year)
    ids = [int(value) for value in request.POST.getlist("innovations") if value.isdigit()]
    if not ids:
        messages.error(request, _("No innovation was selected: tick the innovations to launch."))
        return redirect("reports:launch", year=cycle.year)
    result = services.launch_event_add_innovations(event=event, innovation_ids=ids, by=request.user)
    if result["launched"]:
        messages.success(
            request, _("%(count)d innovations launched.") % {"count": len(result["launched"])}
        )
    for refused in result["refused"]:
        messages.warning(
            request,
            _("%(code)s was not launched: %(reason)s")
            % {"code": refused.get("code", refused["id"]), "reason": refused["reason"]},
        )
    return redirect("reports:launch", year=cycle.year)


@require_safe
def export_job(request, token):
    job = get_object_or_404(ExportJob, token=token, user=request.user)
    template = "reports/export_job.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"job": job})


@require_safe
def export_job_download(request, token):
    job = get_object_or_404(ExportJob, token=token, user=request.user, status=ExportJob.Status.DONE)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
