"""The auto-assignment page: the queue's current filter and k in, the proposal out; confirming
posts the proposed pairs back, and they are applied through the assignment service."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovations.cycles import cycle_for_page
from innovations.models import Innovation
from intan_banjar.pages import attempt

from .auto_assign import Proposal, apply, propose
from .queue import QueueFilter, queue_queryset
from .rules import may_assign
from .views import require_staff

FILTER_NAMES = (
    "search",
    "maturity",
    "origin",
    "form",
    "unit",
    "unit_kind",
    "assigned",
    "lab_stage",
)


def _queue(request, cycle):
    data = {name: request.POST.get(name, "") for name in FILTER_NAMES if request.POST.get(name)}
    filterset = QueueFilter(
        data, queryset=queue_queryset(request.user, cycle=cycle), request=request
    )
    return list(filterset.qs)


def _confirmed(request):
    """The pairs the lead saw and confirmed ("innovation id:curator e-mail")."""
    pairs = [p.split(":", 1) for p in request.POST.getlist("pair") if ":" in p]
    ids = {int(i) for i, _e in pairs if i.isdigit()}
    emails = {e for _i, e in pairs}
    innovations = Innovation.objects.visible_to(request.user).in_bulk(ids)
    curators = {u.email: u for u in get_user_model().objects.filter(email__in=emails)}
    rows = {}
    for innovation_id, email in pairs:
        innovation = innovations.get(int(innovation_id)) if innovation_id.isdigit() else None
        curator = curators.get(email)
        if innovation is not None and curator is not None:
            rows.setdefault(innovation, []).append(curator)
    return Proposal(rows=list(rows.items()))


@require_POST
def auto_assign(request):
    require_staff(request.user)
    if not may_assign(request.user):
        raise PermissionDenied
    cycle, status = cycle_for_page(request)
    back = f"{reverse('curation:queue')}?year={cycle.year}"
    if "confirm" in request.POST:
        result = attempt(request, lambda: apply(proposal=_confirmed(request), by=request.user))
        if not result.failed:
            messages.success(
                request, _("%(count)s new assignments.") % {"count": len(result.value)}
            )
        return redirect(back)
    try:
        k = int(request.POST.get("k", "2"))
    except ValueError:
        k = 0
    result = attempt(
        request, lambda: propose(innovations=_queue(request, cycle), k=k, by=request.user)
    )
    if result.failed:
        return redirect(back)
    proposal = result.value
    return render(
        request,
        "curation/auto_assign.html",
        {
            "cycle": cycle,
            "k": k,
            "proposal": proposal,
            "load": sorted(proposal.load.items(), key=lambda item: (-item[1], item[0].full_name)),
            "back": back,
        },
    )
