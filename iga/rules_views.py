"""Pages of the year's IID rules, the planner and the published indices.

Thin: reads check the `iga.rules` predicates, writes go through `iga.rules_services` (the same
services as the API) and their refusals reach the person through `intan_banjar.pages.attempt`.
The rules are read by everyone signed in (they are what everyone scores against) and changed by
admins; the plan and the history are the region's working figures (region roles).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from innovations.models import Cycle
from intan_banjar.pages import attempt
from reports.exporters import formats_of

from . import rules_services, services, yearly
from .forms import (
    BandFormSet,
    BracketFormSet,
    IndicatorForm,
    PublishedIndexForm,
    ReloadForm,
    RulesForm,
    filled,
)
from .history import trend, trend_chart
from .models import IidRules, Indicator, IndicatorScore, RegionIndicator
from .planner import DEFAULT_TARGET, plan_for
from .rules import may_manage_iga, may_plan, may_view_history, may_view_rules

INDICATOR_FIELDS = [
    "name",
    "weight",
    "mandatory",
    "effort_per_level",
    "level_1",
    "evidence_1",
    "level_2",
    "evidence_2",
    "level_3",
    "evidence_3",
    "name_confirmed",
    "weight_confirmed",
    "levels_confirmed",
    "source",
]


def _require(predicate, user):
    if not predicate.test(user):
        raise PermissionDenied


def _rules_forms(cycle, rules, data=None):
    stored = IidRules.objects.filter(cycle=cycle).first()
    form = RulesForm(
        data,
        initial={
            "min_divisor": cycle.iid_min_divisor,
            "min_divisor_confirmed": bool(stored and stored.min_divisor_confirmed),
            "count_brackets_confirmed": bool(stored and stored.count_brackets_confirmed),
        },
    )
    bands = BandFormSet(data, prefix="band", initial=rules.bands)
    brackets = BracketFormSet(
        data,
        prefix="bracket",
        initial=[
            {"min": b.get("min"), "max": b.get("max"), "points": b.get("points")}
            for b in rules.count_brackets
        ],
    )
    return form, bands, brackets


def rules_page(request, year):
    """The year's rules; admins change the divisor, the bands and the count-score brackets."""
    _require(may_view_rules, request.user)
    cycle = get_object_or_404(Cycle, year=year)
    can_manage = bool(may_manage_iga.test(request.user))
    rules = yearly.rules_of(cycle)
    status = 200
    if request.method == "POST":
        _require(may_manage_iga, request.user)
        form, bands, brackets = _rules_forms(cycle, rules, request.POST)
        if form.is_valid() and bands.is_valid() and brackets.is_valid():
            done = attempt(
                request,
                lambda: rules_services.rules_update(
                    cycle=cycle,
                    by=request.user,
                    min_divisor=form.cleaned_data["min_divisor"],
                    min_divisor_confirmed=form.cleaned_data["min_divisor_confirmed"],
                    count_brackets_confirmed=form.cleaned_data["count_brackets_confirmed"],
                    bands=filled(bands),
                    count_brackets=filled(brackets),
                ),
            )
            if not done.failed:
                messages.success(request, _("The rules of %(year)s were saved.") % {"year": year})
                return redirect("iga:rules", year=cycle.year)
            status = done.status
        else:
            messages.error(request, _("Check the rules: some values are missing or wrong."))
            status = 400
    else:
        form, bands, brackets = _rules_forms(cycle, rules)
    return render(
        request,
        "iga/rules.html",
        {
            "cycle": cycle,
            "rules": rules,
            "totals": rules.totals(),
            "can_manage": can_manage,
            "form": form,
            "bands": bands,
            "brackets": brackets,
            "reload_form": ReloadForm(
                editions=yearly.EDITIONS, initial={"edition": yearly.edition_for_year(cycle.year)}
            ),
            "cycles": Cycle.objects.order_by("-year"),
        },
        status=status,
    )


@require_POST
def rules_reload(request, year):
    _require(may_manage_iga, request.user)
    cycle = get_object_or_404(Cycle, year=year)
    form = ReloadForm(request.POST, editions=yearly.EDITIONS)
    if not form.is_valid():
        messages.error(request, _("Choose an edition."))
        return redirect("iga:rules", year=cycle.year)
    done = attempt(
        request,
        lambda: rules_services.rules_reload(
            cycle=cycle, edition=form.cleaned_data["edition"], by=request.user
        ),
    )
    if not done.failed:
        messages.success(
            request,
            _("The rules of %(year)s are now those of edition %(edition)s.")
            % {"year": cycle.year, "edition": form.cleaned_data["edition"]},
        )
    return redirect("iga:rules", year=cycle.year)


def _indicator_in_use(indicator):
    return (
        IndicatorScore.objects.filter(indicator=indicator).exclude(level=0).exists()
        or RegionIndicator.objects.filter(indicator=indicator).exists()
    )


def indicator_edit(request, year, number):
    """One indicator of the year's rules: its texts and weight to all, its form to admins."""
    _require(may_view_rules, request.user)
    indicator = get_object_or_404(
        Indicator.objects.select_related("cycle"), cycle__year=year, number=number
    )
    can_manage = bool(may_manage_iga.test(request.user))
    status = 200
    form = IndicatorForm(initial={name: getattr(indicator, name) for name in INDICATOR_FIELDS})
    if request.method == "POST":
        _require(may_manage_iga, request.user)
        if request.POST.get("action") == "delete":
            done = attempt(
                request,
                lambda: rules_services.indicator_delete(
                    cycle=indicator.cycle, number=number, by=request.user
                ),
            )
            if not done.failed:
                messages.success(
                    request, _("Indicator %(number)s was deleted.") % {"number": number}
                )
                return redirect("iga:rules", year=year)
            status = done.status
        else:
            form = IndicatorForm(request.POST)
            if form.is_valid():
                row = {"number": number, **form.cleaned_data}
                done = attempt(
                    request,
                    lambda: services.indicator_catalogue_update(
                        cycle=indicator.cycle, rows=[row], by=request.user
                    ),
                    form=form,
                )
                if not done.failed:
                    messages.success(
                        request, _("Indicator %(number)s was saved.") % {"number": number}
                    )
                    return redirect("iga:rules", year=year)
                status = done.status
            else:
                status = 400
    return render(
        request,
        "iga/rules_indicator.html",
        {
            "cycle": indicator.cycle,
            "indicator": indicator,
            "form": form if can_manage else None,
            "can_manage": can_manage,
            "in_use": _indicator_in_use(indicator),
        },
        status=status,
    )


def indicator_new(request, year):
    """Add an indicator the year's edition lacks (admins)."""
    _require(may_manage_iga, request.user)
    cycle = get_object_or_404(Cycle, year=year)
    status = 200
    if request.method == "POST":
        form = IndicatorForm(request.POST, creating=True)
        if form.is_valid():
            done = attempt(
                request,
                lambda: rules_services.indicator_create(
                    cycle=cycle, row=dict(form.cleaned_data), by=request.user
                ),
                form=form,
            )
            if not done.failed:
                messages.success(
                    request,
                    _("Indicator %(number)s was added.") % {"number": form.cleaned_data["number"]},
                )
                return redirect("iga:rules", year=year)
            status = done.status
        else:
            status = 400
    else:
        form = IndicatorForm(creating=True, initial={"effort_per_level": 1})
    return render(
        request,
        "iga/rules_indicator.html",
        {"cycle": cycle, "indicator": None, "form": form, "can_manage": True, "in_use": False},
        status=status,
    )


@require_safe
def plan(request, year):
    """The whole plan: every ranked action, the cheapest set to the chosen band, the exports."""
    _require(may_plan, request.user)
    cycle = get_object_or_404(Cycle, year=year)
    target = request.GET.get("target") or DEFAULT_TARGET
    bands = [b.get("category") for b in cycle.iga_bands or []]
    if target not in bands:
        target = DEFAULT_TARGET
    the_plan = plan_for(cycle, request.user, target=target)
    return render(
        request,
        "iga/plan.html",
        {
            "cycle": cycle,
            "plan": the_plan,
            "plan_limit": None,
            "target": target,
            "bands": cycle.iga_bands,
            "formats": formats_of("iid_plan"),
        },
    )


def history(request):
    """The published index per year beside the estimate; admins record a year's index."""
    _require(may_view_history, request.user)
    can_manage = bool(may_manage_iga.test(request.user))
    form = PublishedIndexForm() if can_manage else None
    status = 200
    if request.method == "POST":
        _require(may_manage_iga, request.user)
        if request.POST.get("action") == "delete":
            year = request.POST.get("year", "")
            done = attempt(
                request,
                lambda: rules_services.published_index_delete(
                    year=int(year) if year.isdigit() else 0, by=request.user
                ),
            )
            if not done.failed:
                messages.success(request, _("The published index was removed."))
                return redirect("iga:history")
            status = done.status
        else:
            form = PublishedIndexForm(request.POST)
            if form.is_valid():
                done = attempt(
                    request,
                    lambda: rules_services.published_index_save(
                        by=request.user, **form.cleaned_data
                    ),
                    form=form,
                )
                if not done.failed:
                    messages.success(request, _("The published index was saved."))
                    return redirect("iga:history")
                status = done.status
            else:
                status = 400
    rows = trend()
    return render(
        request,
        "iga/history.html",
        {"rows": rows, "chart": trend_chart(rows), "form": form, "can_manage": can_manage},
        status=status,
    )
