"""The innovation's page and its actions (transitions, Laboratorium stage, attachments); the
create/edit form is in edit_views and the list in list_views. Thin: reads start from
`visible_to`, every write goes through a service, whose refusals `intan_banjar.pages.attempt`
turns into the status, form errors and messages.
"""

import rules
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intan_banjar.pages import attempt
from intan_banjar.prepared_reads import NOT_PREPARED

from .detail_html import history_rows_html, profile_html, stage_items_html
from .detail_reads import shown_innovation, stage_records
from .enums import Action, LabStage, lab_stage_index
from .evidence_services import attachment_add, attachment_delete, innovation_set_lab_stage
from .forms import (
    AttachmentForm,
    StageForm,
)
from .history import shown_history
from .models import Innovation
from .revisions import sent_back
from .rules import (
    may_add_iid_evidence,
    may_move_lab_stage_back,
    may_view_submitter_contact,
)
from .services import innovation_transition
from .workflow import NOTE_ACTIONS, allowed_actions, done_message


def _visible(request, pk):
    return get_object_or_404(Innovation.objects.visible_to(request.user).for_list(), pk=pk)


def stage_progress(innovation):
    """The five stages with the record of when each was reached (the last such record)."""
    current = lab_stage_index(innovation.lab_stage)
    reached = {}
    if current >= 0:  # before the first stage no record is shown: no query
        for record in stage_records(innovation):
            reached[record.stage] = record
    return [
        {
            "value": stage.value,
            "label": stage.label,
            "done": index <= current,
            "current": stage.value == innovation.lab_stage,
            "record": reached.get(stage.value) if index <= current else None,
        }
        for index, stage in enumerate(LabStage)
    ]


def _stage_form(innovation, user, data=None):
    if not rules.test_rule("innovations.record_lab_stage", user, innovation):
        return None
    form = StageForm(data)
    if not may_move_lab_stage_back(user):
        current = lab_stage_index(innovation.lab_stage)
        choices = [c for i, c in enumerate(LabStage.choices) if i > current]
        if not choices:
            return None
        form.fields["stage"].choices = choices
    return form


# An attachment id no attachment has: its routes are reversed once with it, then each row's id
# takes its place (a `{% url %}` per row and column cost more than the rest of the row).
_ANY_ATTACHMENT = 2147483647


def _attachment_route(name, innovation):
    """`route(attachment_id) -> url` for an attachment route of `innovation`, reversed once."""
    marker = f"/{_ANY_ATTACHMENT}/"
    head, tail = reverse(
        name, kwargs={"pk": innovation.pk, "attachment_id": _ANY_ATTACHMENT}
    ).rsplit(marker, 1)  # the attachment's id comes after the innovation's
    return lambda attachment_id: f"{head}/{attachment_id}/{tail}"


def _attachments(innovation, editable):
    """The evidence rows, each with its download link (and its delete form's, for an editor)."""
    attachments = list(innovation.attachments.all())
    if attachments:
        download = _attachment_route("innovations-api:innovation-attachment-download", innovation)
        delete = _attachment_route("innovations:attachment_delete", innovation)
        for attachment in attachments:
            attachment.download_url = download(attachment.pk)
            attachment.delete_url = delete(attachment.pk) if editable else None
    return attachments


def _profile_label(name):
    """The label the profile form shows for field `name`, or None when it is not a field."""
    try:
        field = Innovation._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    label = getattr(field, "verbose_name", None)  # a reverse relation ("reviews") has none
    return capfirst(label) if label else None


def _refusal_reasons(errors):
    """A refusal's messages, each after the label of the profile field it is about.

    "Required before the innovation is submitted" ten times over does not say what to fill in
    (PRODUCT.md §4: the reasons per field). A message about no profile field (the deadline, the
    note, a guard's) says what it is about itself.
    """
    reasons = []
    for name, field_messages in errors.items():
        label = _profile_label(name) if name else None
        reasons += [f"{label}: {message}" if label else str(message) for message in field_messages]
    return reasons


def _detail(request, innovation, *, status=200, action_errors=None, stage_form=None, upload=None):
    user = request.user
    editable = bool(rules.test_rule("innovations.edit_innovation", user, innovation))
    action_errors = action_errors or {}
    actions = [
        {
            "value": a,
            "label": Action(a).label,
            "needs_note": a in NOTE_ACTIONS,
            "errors": _refusal_reasons(action_errors.get(a, {})),
        }
        for a in allowed_actions(innovation, user)
    ]
    history = shown_history(innovation, user)
    context = {
        "innovation": innovation,
        "editable": editable,
        "actions": actions,
        "attachments": _attachments(innovation, editable),
        "history": history,
        "history_rows": history_rows_html(history),
        "sent_back": sent_back(innovation, user, history=history),
        "stage_items": stage_items_html(stage_progress(innovation)),
        "stage_form": stage_form or _stage_form(innovation, user),
        "upload_form": upload or (AttachmentForm(require_file=True) if editable else None),
        # Past draft and revision the profile's files are fixed; IGA evidence still comes in
        # on the readiness page, which the evidence card points to.
        "iid_evidence_elsewhere": not editable and bool(may_add_iid_evidence(user, innovation)),
        "profile_html": profile_html(innovation, may_view_submitter_contact(user)),
    }
    return render(request, "innovations/detail.html", context, status=status)


def _still_visible(request, innovation):
    return Innovation.objects.visible_to(request.user).filter(pk=innovation.pk).exists()


def _action_label(action):
    return Action(action).label if action in Action.values else action


def _transition(request, innovation):
    """POST action=ACTION (and note): the service decides; refusals come back as messages."""
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    result = attempt(
        request,
        lambda: innovation_transition(
            innovation=innovation, action=action, by=request.user, note=note
        ),
        invalid_message=lambda errors: (
            _("“%(action)s” was not done: %(reasons)s")
            % {
                "action": _action_label(action),
                "reasons": " ".join(_refusal_reasons(errors)),
            }
        ),
    )
    if result.failed:
        return _detail(
            request, innovation, status=result.status, action_errors={action: result.errors}
        )
    messages.success(request, done_message(action, result.value.status))
    if _still_visible(request, innovation):
        return redirect("innovations:detail", innovation.pk)
    return redirect("innovations:list")


def innovation_detail(request, pk):
    if request.method == "POST":
        return _transition(request, _visible(request, pk))
    contact = bool(may_view_submitter_contact(request.user))
    innovation = shown_innovation(request.user, pk, contact)
    if innovation is None:
        raise Http404
    if innovation is NOT_PREPARED:
        shown = Innovation.objects.visible_to(request.user).for_detail()
        if contact:
            shown = shown.select_related("community_submitter")
        innovation = get_object_or_404(shown, pk=pk)
    return _detail(request, innovation)


@require_POST
def innovation_lab_stage(request, pk):
    innovation = _visible(request, pk)
    form = _stage_form(innovation, request.user, request.POST)
    if form is None:
        raise PermissionDenied
    if not form.is_valid():
        return _detail(request, innovation, status=400, stage_form=form)
    result = attempt(
        request,
        lambda: innovation_set_lab_stage(
            innovation=innovation,
            stage=form.cleaned_data["stage"],
            reached_on=form.cleaned_data.get("reached_on"),
            note=form.cleaned_data.get("note", ""),
            by=request.user,
        ),
        form=form,
    )
    if result.failed:
        return _detail(
            request, innovation, status=result.status, stage_form=form if result.errors else None
        )
    messages.success(request, _("The Laboratorium Inovasi stage was recorded."))
    return redirect("innovations:detail", innovation.pk)


@require_POST
def innovation_attachment_add(request, pk):
    innovation = _visible(request, pk)
    form = AttachmentForm(request.POST, request.FILES, require_file=True)
    if not form.is_valid():
        return _detail(request, innovation, status=400, upload=form)
    result = attempt(
        request,
        lambda: attachment_add(
            innovation=innovation,
            by=request.user,
            file=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            indicator=form.cleaned_data.get("indicator"),
        ),
        form=form,
        invalid_message=_("The file was refused; nothing was stored."),
    )
    if result.failed:
        return _detail(
            request, innovation, status=result.status, upload=form if result.errors else None
        )
    messages.success(request, _("The file was added."))
    return redirect("innovations:detail", innovation.pk)


@require_POST
def innovation_attachment_delete(request, pk, attachment_id):
    innovation = _visible(request, pk)
    attachment = next((a for a in innovation.attachments.all() if a.pk == attachment_id), None)
    if attachment is None:
        raise Http404
    attachment.innovation = innovation
    result = attempt(request, lambda: attachment_delete(attachment=attachment, by=request.user))
    if result.failed:
        return _detail(request, innovation, status=result.status)
    messages.success(request, _("The file “%(name)s” was removed.") % {"name": attachment.filename})
    return redirect(reverse("innovations:detail", args=[innovation.pk]) + "#attachments")
