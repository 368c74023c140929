"""Decision note templates: the wording a curation team reuses for "revise", "approve", "reject".

Kept by lead curators and admins, read by every curator on the decision form, where the chosen
text is only a starting point the curator edits before sending it to the unit.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from intan_banjar.exceptions import InvalidInput, Refused

from .models import NoteTemplate
from .rules import is_curation_staff, may_keep_note_templates


def note_templates_for(user):
    """{decision: [templates]} for the decision form; empty for anyone outside curation."""
    by_action = {value: [] for value in NoteTemplate.Decision.values}
    if not is_curation_staff(user):
        return by_action
    for template in NoteTemplate.objects.order_by("title", "id"):
        by_action[template.action].append(template)
    return by_action


def _check(template):
    template.title = (template.title or "").strip()
    template.body = (template.body or "").strip()
    template.full_clean(exclude=["created_by"])


@transaction.atomic
def note_template_save(*, by, action, title, body, template=None):
    """Create a template or, given `template`, change it. Lead curators and admins only."""
    if not may_keep_note_templates(by):
        raise Refused(_("Only a lead curator or an administrator can keep note templates."))
    if template is None:
        template = NoteTemplate(created_by=by)
    template.action, template.title, template.body = action, title, body
    _check(template)
    template.save()
    return template


@transaction.atomic
def note_template_delete(*, by, template):
    if not may_keep_note_templates(by):
        raise Refused(_("Only a lead curator or an administrator can keep note templates."))
    if template.pk is None:
        raise InvalidInput(_("This template does not exist."))
    template.delete()
