"""The portal's cycle pages for administrators: list, create, edit. The API's `/cycles/` and
these pages write through the same services (`cycle_services`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from intan_banjar.pages import attempt

from .cycle_forms import CycleForm
from .cycle_services import cycle_create, cycle_update
from .models import Cycle
from .rules import may_manage_cycles


def _require_manager(user):
    if not may_manage_cycles(user):
        raise PermissionDenied


@require_safe
def cycle_list(request):
    _require_manager(request.user)
    return render(
        request,
        "innovations/cycles/list.html",
        {"cycles": Cycle.objects.order_by("-year"), "current": Cycle.objects.current()},
    )


def _cycle_form_page(request, *, cycle=None):
    _require_manager(request.user)
    form, status = CycleForm(cycle=cycle), 200
    if request.method == "POST":
        form, status = CycleForm(request.POST, cycle=cycle), 400
        if form.is_valid():
            result = attempt(request, lambda: _save(request.user, cycle, form), form=form)
            if not result.failed:
                messages.success(
                    request,
                    _("The %(year)s cycle has been saved.") % {"year": result.value.year},
                )
                return redirect("innovations:cycles")
            status = result.status
    return render(
        request, "innovations/cycles/form.html", {"form": form, "cycle": cycle}, status=status
    )


def _save(user, cycle, form):
    if cycle is None:
        return cycle_create(by=user, **form.cycle_values())
    return cycle_update(cycle=cycle, by=user, **form.cycle_values())


@require_http_methods(["GET", "POST"])
def cycle_new(request):
    return _cycle_form_page(request)


@require_http_methods(["GET", "POST"])
def cycle_edit(request, year):
    _require_manager(request.user)
    return _cycle_form_page(request, cycle=get_object_or_404(Cycle, year=year))
