"""Loads Kabupaten Banjar's reference units from the CSV that ships with the portal.

Idempotent: units are matched by code, so loading twice changes nothing, and an admin's later
edits to names or heads are not overwritten (only missing units are created, and the parent and
kecamatan links and the head's name, NIP and title are filled where still empty).

The head columns (`head_name`, `head_nip`, `head_title`) are optional: the agreement form starts
from them, so a regency that ships its list of heads spares every unit retyping its head.
"""

import csv
from pathlib import Path

from .fields import normalize_nip

HEAD_FIELDS = ("head_name", "head_nip", "head_title")

UNITS_CSV = Path(__file__).resolve().parent / "data" / "banjar_units.csv"


def read_units(path=UNITS_CSV):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_units(unit_model=None, path=UNITS_CSV):
    """Create missing units; return how many. Migrations pass their historical `unit_model`."""
    if unit_model is None:
        from .models import Unit as unit_model
    rows = read_units(path)
    existing = {u.code: u for u in unit_model.objects.all()}
    created = 0
    for row in rows:
        code = row["code"].strip()
        if code not in existing:
            existing[code] = unit_model.objects.create(
                code=code,
                name=row["name"].strip(),
                kind=row["kind"].strip(),
                kemendagri_code=row.get("kemendagri_code", "").strip(),
                verification=row.get("verification", "").strip() or "manual",
            )
            created += 1
    for row in rows:
        unit = existing[row["code"].strip()]
        changed = []
        for field, ref in (
            ("parent", row.get("parent_code")),
            ("kecamatan", row.get("kecamatan_code")),
        ):
            ref = (ref or "").strip()
            if ref and getattr(unit, f"{field}_id") is None and ref in existing:
                setattr(unit, field, existing[ref])
                changed.append(field)
        for field in HEAD_FIELDS:
            value = (row.get(field) or "").strip()
            if field == "head_nip":
                value = normalize_nip(value)
            if value and not getattr(unit, field):
                setattr(unit, field, value)
                changed.append(field)
        if changed:
            unit.save(update_fields=changed)
    return created
