"""Agreement and compliance pages: thin views over the same services and queries as the API."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Unit
from innovations.cycles import cycle_for_page
from innovations.models import Cycle
from intan_banjar.downloads import inline_pdf
from intan_banjar.pages import attempt
from intan_banjar.tabular import EXCEL_ID

from . import services
from .compliance import compliance_rows, cycle_years
from .documents import agreement_pdf, cycle_pdf, scan_response
from .forms import (
    AgreementCreateForm,
    AgreementRejectForm,
    AgreementSignForm,
    AgreementUpdateForm,
    ComplianceFilterForm,
    signatory_initial,
)
from .models import Agreement
from .rules import can_prepare_agreement, can_print_all_agreements, may_prepare_for_any_unit
from .workflow import TRANSITIONS

# The compliance table keeps its totals over every unit; the rows are shown a page at a time.
COMPLIANCE_PAGE_SIZE = 100

ACTION_FORMS = {
    "edit": AgreementUpdateForm,
    "sign": AgreementSignForm,
    "reject": AgreementRejectForm,
}


def _create_form(user, cycle, agreements, data=None):
    """The create form for who may prepare a draft: unit staff for their unit, admins for any.

    `agreements` are the cycle's agreements visible to the user (a unit with one gets no form).
    """
    initial = {"committed_count": cycle.min_innovations_per_unit}
    if may_prepare_for_any_unit(user):
        form = AgreementCreateForm(data, initial=initial)
        form.fields["unit"].required = True
        form.fields["unit"].queryset = Unit.objects.active().exclude(agreements__cycle=cycle)
        return form
    if user.unit_id and can_prepare_agreement.test(user, user.unit):
        if any(agreement.unit_id == user.unit_id for agreement in agreements):
            return None
        form = AgreementCreateForm(data, initial=initial)
        del form.fields["unit"]
        return form
    return None


def _render_list(request, cycle, form=None, status=200):
    agreements = list(Agreement.objects.visible_to(request.user).for_list().filter(cycle=cycle))
    for agreement in agreements:
        agreement.actions = services.allowed_actions(agreement, request.user)
    return render(
        request,
        "agreements/list.html",
        {
            "cycle": cycle,
            "cycles": Cycle.objects.order_by("-year").values_list("year", flat=True),
            "agreements": agreements,
            "create_form": form or _create_form(request.user, cycle, agreements),
            "can_print_all": can_print_all_agreements.test(request.user),
        },
        status=status,
    )


@require_GET
def agreement_list(request):
    cycle, status = cycle_for_page(request)
    return _render_list(request, cycle, status=status)


@require_POST
def agreement_create(request):
    cycle, status = cycle_for_page(request)
    user = request.user
    form = _create_form(user, cycle, [], request.POST)
    if form is None:
        raise PermissionDenied
    if status != 200:  # a malformed ?year=: nothing is prepared, the message says why
        return _render_list(request, cycle, status=status)
    if form.is_valid():
        result = attempt(
            request,
            lambda: services.agreement_create(
                unit=form.cleaned_data.get("unit") or user.unit,
                cycle=cycle,
                by=user,
                committed_count=form.cleaned_data["committed_count"],
                planned_titles=form.cleaned_data["planned_titles"],
            ),
            form=form,
            catch_refusal=False,
        )
        if not result.failed:
            messages.success(request, _("The draft agreement was prepared."))
            return redirect("agreements:detail", pk=result.value.pk)
    messages.error(request, _("The agreement could not be prepared: see the form."))
    return _render_list(request, cycle, form, status=400)


def _detail_forms(agreement, user, actions, bound=None):
    forms = {}
    for action in actions:
        form_class = ACTION_FORMS.get(action)
        if form_class is None:
            continue
        if bound and bound[0] == action:
            forms[action] = bound[1]
            continue
        initial = {
            "committed_count": agreement.committed_count,
            "planned_titles": agreement.planned_titles,
            **signatory_initial(agreement, user),
            "signed_on": agreement.signed_on or timezone.localdate(),
        }
        forms[action] = form_class(initial=initial, prefix=action)
    return forms


def _render_detail(request, agreement, status=200, bound=None):
    actions = services.allowed_actions(agreement, request.user)
    return render(
        request,
        "agreements/detail.html",
        {
            "agreement": agreement,
            "actions": actions,
            "forms": _detail_forms(agreement, request.user, actions, bound),
            "events": agreement.events.select_related("actor"),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def agreement_detail(request, pk):
    """The agreement; each workflow action is a POST here with `<button name="action">`."""
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user).for_list(), pk=pk)
    if request.method == "GET":
        return _render_detail(request, agreement)
    action = request.POST.get("action")
    if action not in TRANSITIONS:
        return _render_detail(request, agreement, status=400)
    form = None
    kwargs = {}
    if action in ACTION_FORMS:
        form = ACTION_FORMS[action](request.POST, request.FILES, prefix=action)
        if not form.is_valid():
            return _render_detail(request, agreement, status=400, bound=(action, form))
        kwargs = {k: v for k, v in form.cleaned_data.items() if v is not None}
    function = {
        "edit": services.agreement_update,
        "sign": services.agreement_sign,
        "verify": services.agreement_verify,
        "reject": services.agreement_reject,
    }[action]
    # A role that may never take the action gets Django's 403 page (API.md: 403 before 409).
    result = attempt(
        request,
        lambda: function(agreement=agreement, by=request.user, **kwargs),
        form=form,
        catch_refusal=False,
    )
    if result.failed:
        bound = (action, form) if form is not None and result.status == 400 else None
        return _render_detail(request, agreement, status=result.status, bound=bound)
    messages.success(request, TRANSITIONS[action].message_for(result.value.status))
    return redirect("agreements:detail", pk=agreement.pk)


@require_GET
def agreement_document(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.visible_to(request.user).select_related("unit", "cycle"), pk=pk
    )
    return inline_pdf(
        agreement_pdf(agreement),
        f"perjanjian-inovasi-{agreement.cycle.year}-{agreement.unit.code}.pdf",
    )


@require_GET
def agreement_scan(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.visible_to(request.user).select_related("unit", "cycle"), pk=pk
    )
    return scan_response(agreement)


@require_GET
def cycle_document(request):
    if not can_print_all_agreements.test(request.user):
        raise PermissionDenied
    cycle, status = cycle_for_page(request)
    if status != 200:  # a malformed ?year=: the page that links the document, with the message
        return _render_list(request, cycle, status=status)
    return inline_pdf(cycle_pdf(cycle), f"perjanjian-inovasi-{cycle.year}.pdf")


@require_GET
def compliance(request):
    cycle, status = cycle_for_page(request)
    form = ComplianceFilterForm(request.GET)
    filters = form.filters() if form.is_valid() else {}
    rows = compliance_rows(cycle, user=request.user, **filters)
    page = Paginator(rows, COMPLIANCE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k in form.fields and v}
    export_url = reverse("api-compliance-export", args=[cycle.year])
    return render(
        request,
        "agreements/compliance.html",
        {
            "cycle": cycle,
            "cycles": cycle_years(rows),
            "form": form,
            "page": page,
            "export_links": [
                (label, f"{export_url}?{urlencode({**query, **asked})}")
                for asked, label in (
                    ({"format": "xlsx"}, "XLSX"),
                    ({"format": "csv", "dialect": EXCEL_ID.name}, "CSV"),
                    ({"format": "pdf"}, "PDF"),
                )
            ],
        },
        status=status if form.is_valid() else 400,
    )
