"""The note templates page: curators read the team's decision wording, lead curators and admins
keep it (the API's `/curation/note-templates/` does the same through the same service)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intan_banjar.pages import attempt

from .forms import NoteTemplateForm
from .models import NoteTemplate
from .note_templates import note_template_delete, note_template_save
from .rules import may_keep_note_templates
from .views import require_staff


def _require_keeper(user):
    """A refusal (403) comes before anything about the posted data (400)."""
    require_staff(user)
    if not may_keep_note_templates(user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def note_templates(request):
    require_staff(request.user)
    may_keep = bool(may_keep_note_templates(request.user))
    form, status = NoteTemplateForm(), 200
    if request.method == "POST":
        _require_keeper(request.user)
        form = NoteTemplateForm(request.POST)
        status = 400
        if form.is_valid():
            result = attempt(
                request, lambda: note_template_save(by=request.user, **form.cleaned_data), form=form
            )
            if not result.failed:
                messages.success(request, _("The template is saved."))
                return redirect("curation:note_templates")
            status = result.status
    return render(
        request,
        "curation/note_templates.html",
        {
            "templates": NoteTemplate.objects.all(),
            "form": form if may_keep else None,
            "may_keep": may_keep,
        },
        status=status,
    )


@require_POST
def note_template_remove(request, template_id):
    _require_keeper(request.user)
    template = get_object_or_404(NoteTemplate, pk=template_id)
    result = attempt(request, lambda: note_template_delete(by=request.user, template=template))
    if not result.failed:
        messages.success(request, _("The template is deleted."))
    return redirect("curation:note_templates")
