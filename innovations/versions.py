"""Snapshots of the submitted profile and the field-by-field difference between two of them.

A snapshot stores raw values (choice values, ISO dates, lists of dicts) so the API answers the
same whatever the language; each row of a diff also carries the text people read
(`before_text`/`after_text`: choice labels, "1 Juli 2026", file names), made here once for every
page that shows a diff (curation's review, the lineage card, the portfolio page).
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .enums import AttachmentKind, HelixActor
from .models import PROFILE_FIELDS, Innovation, ProfileVersion
from .templatetags.rupiah import rupiah

SNAPSHOT_FIELDS = (*PROFILE_FIELDS, "lab_stage")
RELATED_LABELS = {
    "innovators": lambda: _("Innovators"),
    "partners": lambda: _("Partners"),
    "attachments": lambda: _("Attachments"),
}


def _listed(innovation, name, *order):
    """A related list in `order`: the prefetched one if the caller read it (`profile_lists`
    prefetches each in this same order), else a query."""
    manager = getattr(innovation, name)
    if name in getattr(innovation, "_prefetched_objects_cache", {}):
        return manager.all()
    return manager.order_by(*order)


def profile_data(innovation):
    data = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(innovation, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["innovators"] = [
        {"name": i.name, "nip": i.nip} for i in _listed(innovation, "innovators", "position", "id")
    ]
    data["partners"] = [
        {"actor": p.actor, "name": p.name, "role": p.role}
        for p in _listed(innovation, "partners", "position", "id")
    ]
    data["attachments"] = [
        {"filename": a.filename, "kind": a.kind, "indicator": a.indicator}
        for a in _listed(innovation, "attachments", "uploaded_at", "id")
    ]
    return data


def profile_snapshot(*, innovation, by):
    return ProfileVersion.objects.create(
        innovation=innovation,
        review_round=innovation.review_round,
        data=profile_data(innovation),
        created_by=by,
    )


def field_label(name):
    if name in RELATED_LABELS:
        return RELATED_LABELS[name]()
    try:
        return str(Innovation._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name.replace("_", " ")  # a key of an older snapshot


def _choice_label(choices, value):
    return str(dict(choices).get(value, value))


def _innovator_text(item):
    nip = item.get("nip")
    return f"{item.get('name', '')} (NIP {nip})" if nip else item.get("name", "")


def _partner_text(item):
    actor = _choice_label(HelixActor.choices, item.get("actor"))
    role = item.get("role")
    return f"{item.get('name', '')} ({actor}{' · ' + role if role else ''})"


def _attachment_text(item):
    details = [_choice_label(AttachmentKind.choices, item.get("kind"))]
    if item.get("indicator"):
        details.append(_("indicator %(number)s") % {"number": item["indicator"]})
    return f"{item.get('filename', '')} ({', '.join(details)})"


RELATED_TEXT = {
    "innovators": _innovator_text,
    "partners": _partner_text,
    "attachments": _attachment_text,
}


def _field_text(field, value):
    if field.choices:
        return _choice_label(field.choices, value)
    if isinstance(field, models.DateField):
        try:
            return date_format(datetime.date.fromisoformat(str(value)[:10]), "j F Y")
        except ValueError:
            return str(value)
    if isinstance(field, models.PositiveBigIntegerField):
        return rupiah(value)
    return str(value)


def _any_text(value):
    """A value of a key no longer in the profile (an older snapshot): its parts, never a repr."""
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


def shown_value(name, value):
    """A snapshot's value of field `name` as people read it in the active language; None when
    empty. Lists (affairs, tags, people, files) become one line per item."""
    if value is None or value == "" or value == []:
        return None
    if name in RELATED_TEXT:
        show = RELATED_TEXT[name]
        return "\n".join(show(item) if isinstance(item, dict) else str(item) for item in value)
    if isinstance(value, list):
        return "\n".join(_any_text(item) for item in value)
    if isinstance(value, dict):
        return _any_text(value)
    try:
        field = Innovation._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    return _field_text(field, value)


def diff_versions(older, newer):
    """[{field, label, before, after, before_text, after_text}] for every field whose value
    differs, in profile order (`before`/`after` raw for the API, `*_text` for pages)."""
    before, after = older.data, newer.data
    names = [*SNAPSHOT_FIELDS, *RELATED_LABELS]
    names += [n for n in {*before, *after} if n not in names]
    return [
        {
            "field": n,
            "label": field_label(n),
            "before": before.get(n),
            "after": after.get(n),
            "before_text": shown_value(n, before.get(n)),
            "after_text": shown_value(n, after.get(n)),
        }
        for n in names
        if before.get(n) != after.get(n)
    ]


def profile_diff(innovation):
    """What changed between the last two submitted versions (empty before a resubmission)."""
    versions = list(innovation.versions.order_by("-created_at", "-id")[:2])
    if len(versions) < 2:
        return []
    newer, older = versions
    return diff_versions(older, newer)
