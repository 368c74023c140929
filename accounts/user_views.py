"""The portal's user pages for administrators: list with search and filters, create (with an
invitation e-mail), edit role and unit, deactivate and reactivate, resend the invitation; and
the unit search every signed-in user's unit boxes ask."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from intan_banjar.pages import attempt

from . import services
from .models import Unit, User
from .rules import may_change_role_of, may_deactivate, may_manage_users
from .user_forms import UserFilterForm, UserForm

PAGE_SIZE = 25
UNIT_MATCHES = 10


def _require_manager(user):
    if not may_manage_users(user):
        raise PermissionDenied


@require_safe
def user_list(request):
    _require_manager(request.user)
    filters = UserFilterForm(request.GET or None)
    users = filters.filter(User.objects.visible_to(request.user).for_list())
    page = Paginator(users.order_by("full_name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/users/list.html",
        {"filters": filters, "page_obj": page, "users": page.object_list},
    )


@require_http_methods(["GET", "POST"])
def user_create(request):
    _require_manager(request.user)
    form, status = UserForm(), 200
    if request.method == "POST":
        form, status = UserForm(request.POST), 400
        if form.is_valid():
            result = attempt(
                request,
                lambda: services.user_invite(by=request.user, **form.cleaned_data),
                form=form,
            )
            if not result.failed:
                messages.success(
                    request,
                    _("The account of %(name)s is created; an invitation was sent to %(email)s.")
                    % {"name": result.value, "email": result.value.email},
                )
                return redirect("user_edit", pk=result.value.pk)
            status = result.status
    return render(request, "accounts/users/form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    _require_manager(request.user)
    account = get_object_or_404(User.objects.for_list(), pk=pk)
    may_change_role = may_change_role_of(request.user, account)
    form, status = UserForm(user=account, role_locked=not may_change_role), 200
    if request.method == "POST":
        form, status = UserForm(request.POST, user=account, role_locked=not may_change_role), 400
        if form.is_valid():
            result = attempt(
                request,
                lambda: services.user_change(by=request.user, user=account, **form.cleaned_data),
                form=form,
            )
            if not result.failed:
                messages.success(
                    request, _("The account of %(name)s is saved.") % {"name": account}
                )
                return redirect("user_edit", pk=account.pk)
            status = result.status
    return render(
        request,
        "accounts/users/form.html",
        {
            "form": form,
            "account": account,
            "may_change_role": may_change_role,
            "may_deactivate": may_deactivate(request.user, account),
            "invited": not account.has_usable_password(),
        },
        status=status,
    )


@require_POST
def user_activation(request, pk):
    """Deactivate (`active=0`) or reactivate (`active=1`) an account."""
    _require_manager(request.user)
    account = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    result = attempt(
        request,
        lambda: services.user_set_active(by=request.user, user=account, active=active),
    )
    if not result.failed:
        text = (
            _("The account of %(name)s is active again.")
            if active
            else _("The account of %(name)s is deactivated; it can no longer sign in.")
        )
        messages.success(request, text % {"name": account})
    return redirect("user_edit", pk=account.pk)


@require_POST
def user_invitation_resend(request, pk):
    _require_manager(request.user)
    account = get_object_or_404(User, pk=pk)
    result = attempt(
        request, lambda: services.user_invitation_resend(by=request.user, user=account)
    )
    if not result.failed:
        messages.success(
            request, _("The invitation was sent again to %(email)s.") % {"email": account.email}
        )
    return redirect("user_edit", pk=account.pk)


@require_safe
def unit_search(request):
    """Units matching `?q=` (name or code words), for the unit boxes: at most ten, by name."""
    text = request.GET.get("q", "").strip()[:100]
    units = Unit.objects.visible_to(request.user).active()
    if text:
        units = units.search(text)
    matches = units.order_by("name").values("pk", "name", "code")[:UNIT_MATCHES]
    return JsonResponse(
        {"results": [{"id": u["pk"], "name": u["name"], "code": u["code"]} for u in matches]}
    )
