"""The rubric page: curators read a cycle's criteria, an administrator edits them until the
first review of the cycle (the API's `PUT /cycles/{year}/criteria/` does the same through the
same service, so both refuse the same rubrics for the same reasons)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from innovations.cycles import cycle_for_page
from intan_banjar.pages import attempt

from . import services
from .forms import CriterionFormSet, rubric_rows
from .rubric import DESCRIPTION_FIELDS, WEIGHT_TOTAL
from .rules import may_edit_rubric
from .views import require_staff

PREFIX = "criteria"


@require_http_methods(["GET", "POST"])
def rubric(request):
    require_staff(request.user)
    cycle, status = cycle_for_page(request, required=False)
    if cycle is None:
        return render(request, "curation/rubric.html", {"cycle": None}, status=status)
    criteria = list(cycle.criteria.order_by("order", "id"))
    may_edit = bool(may_edit_rubric(request.user))
    locked = services.rubric_is_locked(cycle)
    formset, errors = None, []
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        formset = CriterionFormSet(request.POST, prefix=PREFIX)
        # With a malformed ?year= nothing is saved: the page says why, as a 400.
        if status == 200 and formset.is_valid():
            result = attempt(
                request,
                lambda: services.rubric_replace(
                    cycle=cycle, criteria=rubric_rows(formset), by=request.user
                ),
                quiet=True,
                catch_refusal=False,
            )
            if result.failed:
                errors, status = result.messages, result.status
                locked = locked or status == 409
            else:
                messages.success(
                    request, _("The rubric of %(year)s is saved.") % {"year": cycle.year}
                )
                return redirect(f"{reverse('curation:rubric')}?year={cycle.year}")
        else:
            status = 400
    elif may_edit and not locked:
        formset = CriterionFormSet(
            initial=[
                {
                    "code": c.code,
                    "name": c.name,
                    "weight": c.weight,
                    **{name: getattr(c, name) for name in DESCRIPTION_FIELDS},
                }
                for c in criteria
            ],
            prefix=PREFIX,
        )
    return render(
        request,
        "curation/rubric.html",
        {
            "cycle": cycle,
            "cycles": type(cycle).objects.order_by("-year").values_list("year", flat=True),
            "criteria": criteria,
            "total": sum(c.weight for c in criteria),
            "weight_total": WEIGHT_TOTAL,
            "formset": formset if may_edit and not locked else None,
            "locked": locked,
            "may_edit": may_edit,
            "errors": errors,
        },
        status=status,
    )
