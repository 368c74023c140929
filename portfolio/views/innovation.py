"""One innovation's portfolio page: its years, decrees, monitoring and replications."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from innovations import lineage
from innovations.enums import APPROVED_STATUSES, CLOSED_STATUSES, EDITABLE_STATUSES
from innovations.models import Innovation
from innovations.rules import is_innovation_owner
from intan_banjar.pages import attempt

from .. import continuation, decrees, monitoring, replications
from ..forms import DecreeForm, EvidenceReuseForm, MonitoringReportForm, ReplicationForm
from ..models import Decree, MonitoringReport, Replication
from ..rules import may_continue, may_record_portfolio, may_see_lineage_changes


def visible_innovation(request, pk):
    queryset = Innovation.objects.visible_to(request.user).select_related(
        "unit", "cycle", "predecessor"
    )
    return get_object_or_404(queryset, pk=pk)


def _back(innovation, anchor=""):
    return redirect(reverse("portfolio:innovation", args=[innovation.pk]) + anchor)


def _page(request, innovation, *, status=200, **forms):
    user = request.user
    can_record = bool(may_record_portfolio(user, innovation))
    target, reason = (None, None)
    if may_continue(user, innovation):
        target, reason = continuation.continuation_target(innovation, user)
    previous, changes = (None, [])
    if may_see_lineage_changes(user, innovation):
        previous, changes = continuation.changes_since_approved(innovation)
    reusable = []
    if is_innovation_owner(user, innovation) and innovation.status in EDITABLE_STATUSES:
        reusable = continuation.reusable_evidence(innovation)
    decree_rows = list(Decree.objects.filter(innovation=innovation).select_related("document"))
    context = {
        "innovation": innovation,
        "years": lineage.lineage(innovation, visible=Innovation.objects.visible_to(user)),
        "continue_target": target,
        "continue_reason": reason,
        "can_continue": bool(may_continue(user, innovation)),
        "previous": previous,
        "changes": changes,
        "reusable": reusable,
        "reuse_form": forms.get("reuse_form")
        or (EvidenceReuseForm(offered=[a for a in reusable if not a.reused]) if reusable else None),
        "decrees": decree_rows,
        "schedule": monitoring.innovation_schedule(innovation),
        "replications": list(
            Replication.objects.filter(innovation=innovation)
            .select_related("adopter_unit")
            .prefetch_related("evidence")
        ),
        "can_record": can_record,
        "decree_form": forms.get("decree_form")
        or (DecreeForm() if can_record and innovation.status not in CLOSED_STATUSES else None),
        "replication_form": forms.get("replication_form")
        or (ReplicationForm() if can_record and innovation.status in APPROVED_STATUSES else None),
    }
    return render(request, "portfolio/innovation.html", context, status=status)


@require_safe
def innovation_portfolio(request, pk):
    return _page(request, visible_innovation(request, pk))


@require_POST
def innovation_continue(request, pk):
    innovation = visible_innovation(request, pk)
    if not may_continue(request.user, innovation):
        raise PermissionDenied
    result = attempt(
        request, lambda: continuation.innovation_continue(innovation=innovation, by=request.user)
    )
    if result.failed:
        return _page(request, innovation, status=result.status)
    created = result.value
    messages.success(
        request,
        _("%(code)s continues %(previous)s in %(year)s: complete the draft and submit it.")
        % {"code": created.code, "previous": innovation.code, "year": created.year},
    )
    return redirect("innovations:edit", created.pk)


@require_POST
def evidence_reuse(request, pk):
    innovation = visible_innovation(request, pk)
    if not is_innovation_owner(request.user, innovation):
        raise PermissionDenied
    offered = continuation.reusable_evidence(innovation)
    form = EvidenceReuseForm(request.POST, offered=offered)
    if not form.is_valid():
        return _page(request, innovation, status=400, reuse_form=form)
    result = attempt(
        request,
        lambda: continuation.evidence_reuse(
            innovation=innovation,
            attachment_ids=form.cleaned_data["attachments"],
            by=request.user,
        ),
        form=form,
    )
    if result.failed:
        return _page(request, innovation, status=result.status, reuse_form=form)
    messages.success(request, _("%(count)d files reused.") % {"count": len(result.value)})
    return redirect(reverse("innovations:detail", args=[innovation.pk]) + "#attachments")


def _recorder(request, innovation):
    if not may_record_portfolio(request.user, innovation):
        raise PermissionDenied


def _removed(request, innovation, remove, message, anchor):
    """Remove a record through its service; back to the innovation's portfolio either way."""
    _recorder(request, innovation)
    if not attempt(request, remove).failed:
        messages.success(request, message)
    return _back(innovation, anchor)


@require_POST
def decree_add(request, pk):
    innovation = visible_innovation(request, pk)
    _recorder(request, innovation)
    form = DecreeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, innovation, status=400, decree_form=form)
    result = attempt(
        request,
        lambda: decrees.decree_create(
            innovation=innovation,
            by=request.user,
            document=form.cleaned_data.get("document"),
            **form.fields_for_service(),
        ),
        form=form,
    )
    if result.failed:
        return _page(request, innovation, status=result.status, decree_form=form)
    messages.success(request, _("The decree was recorded."))
    return _back(innovation, "#decrees")


def _decree(innovation, decree_id):
    decree = Decree.objects.filter(innovation=innovation, pk=decree_id).first()
    if decree is None:
        raise Http404
    decree.innovation = innovation
    return decree


@require_http_methods(["GET", "HEAD", "POST"])
def decree_edit(request, pk, decree_id):
    innovation = visible_innovation(request, pk)
    decree = _decree(innovation, decree_id)
    _recorder(request, innovation)
    if request.method != "POST":
        initial = {name: getattr(decree, name) for name in decrees.DECREE_FIELDS}
        form = DecreeForm(initial=initial)
        return render(
            request,
            "portfolio/decree_edit.html",
            {"innovation": innovation, "decree": decree, "form": form},
        )
    form = DecreeForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        result = attempt(
            request,
            lambda: decrees.decree_update(
                decree=decree,
                by=request.user,
                document=form.cleaned_data.get("document"),
                **form.fields_for_service(),
            ),
            form=form,
        )
        if not result.failed:
            messages.success(request, _("The decree was saved."))
            return _back(innovation, "#decrees")
        status = result.status
    return render(
        request,
        "portfolio/decree_edit.html",
        {"innovation": innovation, "decree": decree, "form": form},
        status=status,
    )


@require_POST
def decree_delete(request, pk, decree_id):
    innovation = visible_innovation(request, pk)
    decree = _decree(innovation, decree_id)
    return _removed(
        request,
        innovation,
        lambda: decrees.decree_delete(decree=decree, by=request.user),
        _("The decree was removed."),
        "#decrees",
    )


def _report_page(request, innovation, period, form, report, status=200):
    return render(
        request,
        "portfolio/monitoring_report.html",
        {"innovation": innovation, "period": period, "form": form, "report": report},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def monitoring_report(request, pk, period):
    innovation = visible_innovation(request, pk)
    report = (
        MonitoringReport.objects.filter(innovation=innovation, period=period)
        .prefetch_related("evidence")
        .first()
    )
    if request.method != "POST":
        if report is None and not may_record_portfolio(request.user, innovation):
            raise Http404
        initial = (
            {name: getattr(report, name) for name in monitoring.REPORT_FIELDS} if report else {}
        )
        form = (
            MonitoringReportForm(initial=initial)
            if may_record_portfolio(request.user, innovation)
            else None
        )
        return _report_page(request, innovation, period, form, report)
    _recorder(request, innovation)
    form = MonitoringReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _report_page(request, innovation, period, form, report, status=400)
    result = attempt(
        request,
        lambda: monitoring.monitoring_report_save(
            innovation=innovation,
            period=period,
            by=request.user,
            files=form.cleaned_data.get("files") or [],
            **form.fields_for_service(),
        ),
        form=form,
    )
    if result.failed:
        return _report_page(request, innovation, period, form, report, status=result.status)
    messages.success(request, _("The monitoring report was saved."))
    return _back(innovation, "#monitoring")


@require_POST
def monitoring_report_delete(request, pk, period):
    innovation = visible_innovation(request, pk)
    report = MonitoringReport.objects.filter(innovation=innovation, period=period).first()
    if report is None:
        raise Http404
    report.innovation = innovation
    return _removed(
        request,
        innovation,
        lambda: monitoring.monitoring_report_delete(report=report, by=request.user),
        _("The monitoring report was removed."),
        "#monitoring",
    )


@require_POST
def replication_add(request, pk):
    innovation = visible_innovation(request, pk)
    _recorder(request, innovation)
    form = ReplicationForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, innovation, status=400, replication_form=form)
    result = attempt(
        request,
        lambda: replications.replication_create(
            innovation=innovation,
            by=request.user,
            files=form.cleaned_data.get("files") or [],
            **form.fields_for_service(),
        ),
        form=form,
    )
    if result.failed:
        return _page(request, innovation, status=result.status, replication_form=form)
    messages.success(request, _("The replication was recorded."))
    return _back(innovation, "#replications")


@require_POST
def replication_delete(request, pk, replication_id):
    innovation = visible_innovation(request, pk)
    replication = Replication.objects.filter(innovation=innovation, pk=replication_id).first()
    if replication is None:
        raise Http404
    replication.innovation = innovation
    return _removed(
        request,
        innovation,
        lambda: replications.replication_delete(replication=replication, by=request.user),
        _("The replication was removed."),
        "#replications",
    )
