"""Innovation create and edit pages: the profile form, the innovators' and partners' rows, the
community submitter and an optional file, saved all or nothing through the services, whose
refusals `intan_banjar.pages.attempt` turns into the status, form errors and messages.
"""

from collections import defaultdict

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intan_banjar.pages import attempt

from .checks import MIN_DESIGN_WORDS, count_words
from .enums import EDITABLE_STATUSES
from .evidence_services import attachment_add
from .forms import (
    AttachmentForm,
    CommunitySubmitterForm,
    InnovationForm,
    InnovatorFormSet,
    PartnerFormSet,
    filled_rows,
)
from .models import Cycle, Innovation
from .revisions import sent_back
from .rules import (
    is_innovation_owner,
    may_choose_unit,
)
from .services import innovation_create, innovation_update


def _creatable_cycles(user):
    """The year picker: a unit's open cycles only; curators and admins choose any cycle."""
    if may_choose_unit(user):
        return Cycle.objects.all()
    return Cycle.objects.open_for(user.unit)


def _forms(request, innovation, creating):
    """The page's forms, bound on POST; formsets only when the post carries them."""
    user = request.user
    choose_unit = creating and may_choose_unit(user)
    community = choose_unit or (innovation is not None and innovation.unit_id is None)
    post = request.POST if request.method == "POST" else None
    if innovation is not None:
        submitter = getattr(innovation, "community_submitter", None) if community else None
        initial = {
            name: getattr(innovation, name)
            for name in (*InnovationForm.PROFILE_NAMES, "title", "affairs", "tags", "lab_stage")
        }
        innovators_initial = [{"name": i.name, "nip": i.nip} for i in innovation.innovators.all()]
        partners_initial = [
            {"actor": p.actor, "name": p.name, "role": p.role} for p in innovation.partners.all()
        ]
        submitter_initial = (
            {k: getattr(submitter, k) for k in ("name", "email", "phone", "village")}
            if submitter
            else {}
        )
    else:
        years = list(_creatable_cycles(user).values_list("year", flat=True))
        current = Cycle.objects.current()
        default = current.year if current and current.year in years else None
        initial = {"year": default or (max(years) if years else None)}
        innovators_initial, partners_initial, submitter_initial = [], [], {}

    def formset(cls, prefix, initial_rows):
        if post is not None and f"{prefix}-TOTAL_FORMS" not in post:
            return None  # a plain post (script, API-style names): the rows stay as they are
        return cls(post, prefix=prefix, initial=initial_rows)

    return {
        "form": InnovationForm(
            post,
            initial=initial,
            creating=creating,
            choose_unit=choose_unit,
            cycles=_creatable_cycles(user) if creating else None,
        ),
        "innovators": formset(InnovatorFormSet, "innovators", innovators_initial),
        "partners": formset(PartnerFormSet, "partners", partners_initial),
        "submitter": CommunitySubmitterForm(
            post, prefix="community_submitter", initial=submitter_initial
        )
        if community
        else None,
        "upload": AttachmentForm(post, request.FILES if post is not None else None),
    }


def _all_valid(forms):
    return all(f.is_valid() for f in forms.values() if f is not None)


def _apply_field_errors(errors, forms, row_errors):
    """A service's messages per field, shown next to the fields the user typed."""
    form, upload, submitter = forms["form"], forms["upload"], forms["submitter"]
    for field, field_messages in errors.items():
        if field in form.fields:
            form.add_error(field, field_messages)
        elif field in upload.fields:
            upload.add_error(field, field_messages)
        elif field in ("innovators", "partners"):
            row_errors[field].extend(field_messages)
        elif field == "community_submitter" and submitter is not None:
            submitter.add_error(None, field_messages)
        else:
            form.add_error(None, field_messages)


def _save(request, innovation, forms):
    """Create or update through the services, and add the optional file, all or nothing."""
    user = request.user
    form, upload = forms["form"], forms["upload"]
    profile = form.profile_data()
    related = {
        name: filled_rows(forms[name]) if forms[name] is not None else None
        for name in ("innovators", "partners")
    }
    submitter = forms["submitter"].submitter_data() if forms["submitter"] is not None else None
    with transaction.atomic():
        if innovation is None:
            unit = form.cleaned_data.get("unit") if "unit" in form.fields else None
            cycle = Cycle.objects.get(year=form.cleaned_data["year"])
            saved = innovation_create(
                by=user, cycle=cycle, unit=unit, community_submitter=submitter, **related, **profile
            )
        else:
            if not profile["lab_stage"]:
                profile.pop("lab_stage")  # "not started" is not a move the service records
            saved = innovation_update(
                innovation=innovation,
                by=user,
                community_submitter=submitter if innovation.unit_id is None else None,
                **related,
                **profile,
            )
        file = upload.cleaned_data.get("file")
        if file:
            attachment_add(
                innovation=saved,
                by=user,
                file=file,
                kind=upload.cleaned_data["kind"],
                indicator=upload.cleaned_data.get("indicator"),
            )
    return saved


def _not_editable(request, innovation):
    """The profile is locked in this status: say so instead of showing a form (409)."""
    return render(request, "innovations/not_editable.html", {"innovation": innovation}, status=409)


def _edit_page(request, innovation):
    creating = innovation is None
    forms = _forms(request, innovation, creating)
    row_errors = defaultdict(list)
    status = 200
    if request.method == "POST":
        if _all_valid(forms):
            # Quiet: a refusal is shown on the form (or the not-editable page), not as a message.
            result = attempt(request, lambda: _save(request, innovation, forms), quiet=True)
            if not result.failed:
                if creating:
                    messages.success(request, _("The innovation was created as a draft."))
                else:
                    messages.success(request, _("The changes were saved."))
                return redirect("innovations:detail", result.value.pk)
            if result.status == 409:
                innovation.refresh_from_db(fields=["status"])
                return _not_editable(request, innovation)
            if result.status == 403:
                field = "lab_stage" if "lab_stage" in forms["form"].fields else None
                forms["form"].add_error(field, result.message)
            else:
                _apply_field_errors(result.errors, forms, row_errors)
        status = 400
        if forms["upload"].errors:
            messages.error(
                request,
                _(
                    "Nothing was saved: the file was refused. Choose another file or remove it; "
                    "everything else you typed is still in the form."
                ),
            )
        else:
            messages.error(request, _("Nothing was saved yet: please check the marked fields."))
    design_value = forms["form"]["design"].value() or ""
    context = {
        **forms,
        "innovation": innovation,
        "creating": creating,
        "row_errors": dict(row_errors),
        "design_words": count_words(design_value),
        "min_design_words": MIN_DESIGN_WORDS,
        "show_submitter": forms["submitter"] is not None,
        "sent_back": None if creating else sent_back(innovation, request.user),
    }
    return render(request, "innovations/form.html", context, status=status)


def innovation_new(request):
    if not rules.test_rule("innovations.create_innovation", request.user):
        raise PermissionDenied
    if not Cycle.objects.exists():
        messages.error(request, _("There is no cycle yet: an administrator must create one."))
        return redirect("innovations:list")
    if not _creatable_cycles(request.user).exists():
        messages.error(
            request,
            _("No cycle is open for submissions now: innovations can be created in an open cycle."),
        )
        return redirect("innovations:list")
    return _edit_page(request, None)


def innovation_edit(request, pk):
    innovation = get_object_or_404(Innovation.objects.visible_to(request.user).for_list(), pk=pk)
    if not is_innovation_owner(request.user, innovation):
        raise PermissionDenied
    if innovation.status not in EDITABLE_STATUSES:
        return _not_editable(request, innovation)
    return _edit_page(request, innovation)
