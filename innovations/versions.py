"""Snapshots of the submitted profile and the field-by-field difference between two of them."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from .models import PROFILE_FIELDS, Innovation, ProfileVersion

SNAPSHOT_FIELDS = (*PROFILE_FIELDS, "lab_stage")
RELATED_LABELS = {
    "innovators": lambda: _("Innovators"),
    "partners": lambda: _("Partners"),
    "attachments": lambda: _("Attachments"),
}


def profile_data(innovation):
    data = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(innovation, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["innovators"] = [
        {"name": i.name, "nip": i.nip} for i in innovation.innovators.order_by("position", "id")
    ]
    data["partners"] = [
        {"actor": p.actor, "name": p.name, "role": p.role}
        for p in innovation.partners.order_by("position", "id")
    ]
    data["attachments"] = [
        {"filename": a.filename, "kind": a.kind, "indicator": a.indicator}
        for a in innovation.attachments.order_by("uploaded_at", "id")
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
        return name


def diff_versions(older, newer):
    """[{field, label, before, after}] for every field whose value differs, in profile order."""
    before, after = older.data, newer.data
    names = [*SNAPSHOT_FIELDS, *RELATED_LABELS]
    names += [n for n in {*before, *after} if n not in names]
    return [
        {"field": n, "label": field_label(n), "before": before.get(n), "after": after.get(n)}
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
