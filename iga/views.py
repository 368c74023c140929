"""IGA readiness pages: one innovation's readiness and the region's estimate with its what-if.

Thin: reads start from `visible_to`, writes go through `iga.services`, whose refusals
`intan_banjar.pages.attempt` turns into messages. The regional page is for region roles (403 for
unit staff); an innovation another unit owns is 404 like everywhere else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from innovations.evidence_services import attachment_add, attachment_delete, attachment_removable
from innovations.models import Cycle, Innovation
from intan_banjar.pages import attempt
from reports.charts import bar_chart

from . import services
from .enums import Part
from .estimate import candidates, region_estimate
from .evidence_files import region_evidence_response
from .forms import (
    EDIT_REGION,
    EntryStatusForm,
    ReadinessEvidenceForm,
    ReadinessForm,
    RegionIndicatorForm,
    region_initial,
)
from .models import IgaEntry, Indicator
from .planner import plan_for
from .readiness import readiness_for, readiness_of, with_readiness
from .rules import may_edit_readiness, may_manage_iga, may_view_region
from .whatif import parse_what_if

RANKING_CHART_ROWS = 10
PLAN_ROWS = 10  # the ranked actions on the regional page; the plan page lists all


def _require(predicate, user):
    if not predicate.test(user):
        raise PermissionDenied


@require_safe
def index(request):
    _require(may_view_region, request.user)
    return redirect("iga:region", year=Cycle.objects.resolve(None).year)


EVIDENCE_FORM = "evidence"  # the upload form's marker among the readiness page's POSTs
REMOVE_EVIDENCE = "remove_evidence"  # the removal buttons' name; the value is the file's id


def _evidence_add(request, innovation, form):
    """Readiness evidence goes on at any status (`evidence_services.attachment_add`)."""
    if not form.is_valid():
        return 400
    result = attempt(
        request,
        lambda: attachment_add(
            innovation=innovation,
            by=request.user,
            file=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            indicator=form.cleaned_data["indicator"],
        ),
        form=form,
        invalid_message=_("The file was refused; nothing was stored."),
        catch_refusal=False,
    )
    if result.failed:
        return result.status
    messages.success(request, _("The file was added."))
    return None


def _evidence_remove(request, innovation, current):
    """Only a file the page lists (tagged with an indicator): any other id is 404."""
    attachment_id = request.POST.get(REMOVE_EVIDENCE, "")
    attachment = next(
        (a for row in current.rows for a in row.evidence if str(a.pk) == attachment_id), None
    )
    if attachment is None:
        raise Http404
    attachment.innovation = innovation
    result = attempt(
        request,
        lambda: attachment_delete(attachment=attachment, by=request.user),
        catch_refusal=False,
    )
    if result.failed:
        return result.status
    messages.success(request, _("The file “%(name)s” was removed.") % {"name": attachment.filename})
    return None


def readiness(request, pk):
    innovation = get_object_or_404(
        Innovation.objects.visible_to(request.user).select_related("unit", "cycle"), pk=pk
    )
    can_edit = bool(may_edit_readiness.test(request.user, innovation))
    current = readiness_of(innovation)
    form = evidence_form = None
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if REMOVE_EVIDENCE in request.POST:
            status = _evidence_remove(request, innovation, current)
        elif request.POST.get("form") == EVIDENCE_FORM:
            evidence_form = ReadinessEvidenceForm(request.POST, request.FILES, readiness=current)
            status = _evidence_add(request, innovation, evidence_form)
        else:
            form = ReadinessForm(request.POST, readiness=current)
            if form.is_valid():
                result = attempt(
                    request,
                    lambda: services.indicator_levels_set(
                        innovation=innovation, levels=form.levels(), by=request.user
                    ),
                    catch_refusal=False,
                )
                if not result.failed:
                    messages.success(request, _("The readiness levels were saved."))
                    status = None
        if status is None:
            return redirect("iga:readiness", pk=innovation.pk)
    context = {
        "innovation": innovation,
        "readiness": current,
        "form": form if form is not None else ReadinessForm(readiness=current),
        "can_edit": can_edit,
    }
    if can_edit:
        context["evidence_form"] = (
            evidence_form if evidence_form is not None else ReadinessEvidenceForm(readiness=current)
        )
        context["evidence_form_marker"] = EVIDENCE_FORM
        context["removable"] = {
            attachment.pk
            for row in current.rows
            for attachment in row.evidence
            if attachment_removable(
                attachment=attachment, innovation=current.innovation, by=request.user
            )
        }
    return render(request, "iga/readiness.html", context, status=status)


def _ranking(cycle, user, catalogue=None):
    innovations = list(
        with_readiness(candidates(cycle, user).select_related("unit", "cycle").order_by("code"))
    )
    readiness = readiness_for(innovations, catalogue=catalogue)
    entries = {
        e.innovation_id: e for e in IgaEntry.objects.filter(cycle=cycle).select_related("cycle")
    }
    rows = [
        {"innovation": i, "readiness": readiness[i.pk], "entry": entries.get(i.pk)}
        for i in innovations
    ]
    rows.sort(key=lambda r: (-r["readiness"].potential_gain, r["innovation"].code))
    return rows


@require_safe
def region(request, year):
    _require(may_view_region, request.user)
    return _region_page(request, Cycle.objects.resolve(year))


def _region_page(request, cycle, *, region_form=None, status=200):
    """The regional page; `region_form` is a region indicator form that failed, shown again."""
    what_if = parse_what_if(request.GET)
    estimate = region_estimate(cycle)
    what_if_estimate = None
    if what_if:
        what_if_estimate = region_estimate(
            cycle, what_if=what_if, extra=candidates(cycle, request.user)
        )
    context = {
        "cycle": cycle,
        "estimate": estimate,
        "what_if": what_if,
        "what_if_estimate": what_if_estimate,
        "indicators": estimate.rules.innovation,
        "region_indicators": estimate.rules.region,
        "can_manage": bool(may_manage_iga.test(request.user)),
    }
    if request.htmx:
        return render(request, "iga/region.html#estimate", context)
    if region_form is None and context["can_manage"]:
        region_form = RegionIndicatorForm(
            indicators=estimate.rules.region,
            initial=region_initial(estimate.region, request.GET.get(EDIT_REGION)),
        )
    ranking = _ranking(cycle, request.user, catalogue=estimate.rules.innovation)
    context.update(
        {
            "plan": plan_for(
                cycle,
                request.user,
                estimate=estimate,
                candidate_innovations=[row["innovation"] for row in ranking],
            ),
            "plan_limit": PLAN_ROWS,
            "ranking": ranking,
            "chart": bar_chart(
                [
                    (r["innovation"].code, int(r["readiness"].potential_gain))
                    for r in ranking[:RANKING_CHART_ROWS]
                ],
                title=_("Points still to gain"),
            )
            if ranking
            else "",
            "region_form": region_form if context["can_manage"] else None,
            "edit_region": EDIT_REGION,
            "status_form": EntryStatusForm(),
            "cycles": Cycle.objects.order_by("-year"),
        }
    )
    return render(request, "iga/region.html", context, status=status)


@require_safe
def region_evidence(request, year, number):
    _require(may_view_region, request.user)
    return region_evidence_response(Cycle.objects.resolve(year), number)


@require_POST
def region_indicator_save(request, year):
    _require(may_manage_iga, request.user)
    cycle = Cycle.objects.resolve(year)
    indicators = Indicator.objects.filter(cycle=cycle, part=Part.REGION).order_by("number")
    form = RegionIndicatorForm(request.POST, request.FILES, indicators=indicators)
    if not form.is_valid():
        return _region_page(request, cycle, region_form=form, status=400)
    result = attempt(
        request,
        lambda: services.region_indicator_save(
            cycle=cycle,
            by=request.user,
            evidence_file=form.cleaned_data["evidence_file"] or None,
            **{k: v for k, v in form.cleaned_data.items() if k != "evidence_file"},
        ),
        form=form,
        catch_refusal=False,
    )
    if result.failed:
        # What was typed stays, with each message next to its field (the file must be chosen
        # again: a browser never sends one back).
        return _region_page(request, cycle, region_form=form, status=result.status)
    messages.success(request, _("The region indicator was saved."))
    return redirect("iga:region", year=cycle.year)


@require_POST
def entry_create(request, year):
    """Mark as reported; warnings are shown on a confirmation page until confirmed."""
    _require(may_manage_iga, request.user)
    cycle = Cycle.objects.resolve(year)
    pk = request.POST.get("innovation", "")
    innovation = get_object_or_404(
        candidates(cycle, request.user).select_related("unit", "cycle"),
        pk=int(pk) if pk.isdigit() else 0,
    )
    result = attempt(
        request,
        lambda: services.iga_entry_create(
            innovation=innovation,
            cycle=cycle,
            by=request.user,
            confirm=request.POST.get("confirm") == "1",
        ),
        quiet=True,
        catch_refusal=False,
    )
    if isinstance(result.error, services.ConfirmationRequired):  # a question, not a refusal
        return render(
            request,
            "iga/entry_confirm.html",
            {"cycle": cycle, "innovation": innovation, "warnings": result.error.warnings},
        )
    result.tell(request)
    if not result.failed:
        messages.success(request, _("%(code)s is marked as reported.") % {"code": innovation.code})
    return redirect("iga:region", year=cycle.year)


@require_POST
def entry_update(request, year, entry_id):
    _require(may_manage_iga, request.user)
    entry = get_object_or_404(
        IgaEntry.objects.select_related("cycle", "innovation"), cycle__year=year, pk=entry_id
    )
    if request.POST.get("action") == "delete":
        services.iga_entry_delete(entry=entry, by=request.user)
        messages.success(request, _("The IGA entry was removed."))
        return redirect("iga:region", year=year)
    form = EntryStatusForm(request.POST)
    if form.is_valid():
        services.iga_entry_set_status(
            entry=entry, national_status=form.cleaned_data["national_status"], by=request.user
        )
        messages.success(request, _("The national status was saved."))
    else:
        messages.error(request, _("Choose a national status."))
    return redirect("iga:region", year=year)
