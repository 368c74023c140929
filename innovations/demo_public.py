"""The 14 innovations named in public reports, loaded as launched demo entries.

Only what is known of them is filled in (name, agency, year, where they were mentioned, from
data/banjar_innovations_public.csv); every other field stays empty or says "[DEMO]", so nothing
unknown is presented as fact.
"""

import csv
import datetime
import re
from pathlib import Path

from django.db import transaction

from accounts.enums import Role
from accounts.models import Unit, User

from .demo import DEMO_TAG, ensure_cycle, wita_datetime
from .enums import Action, Initiator, Origin, SourceCategory, Status
from .models import CommunitySubmitter, Innovation, TransitionLog, allocate_codes

PUBLIC_CSV = Path(__file__).resolve().parent / "data" / "banjar_innovations_public.csv"

# What the public reports say about each named innovation, in Indonesian.
_NOTE_PATTERNS = [
    (r"finalist of Kompetisi INTAN BANJAR (\d{4})", r"finalis Kompetisi INTAN BANJAR \1"),
    (r"community entry from (.+)", r"usulan masyarakat dari \1"),
    (r"agency not known", "perangkat daerah pengusulnya tidak diketahui"),
    (
        r"Top 45 of the national public-service innovation competition \(KIPP\) (\d{4})",
        r"Top 45 Kompetisi Inovasi Pelayanan Publik (KIPP) nasional \1",
    ),
]
FALLBACK_UNIT = "BAPPEDALITBANG"


def _note_id(note):
    parts = []
    for part in note.split(";"):
        text = part.strip()
        for pattern, replacement in _NOTE_PATTERNS:
            text = re.sub(pattern, replacement, text)
        parts.append(text)
    return "; ".join(parts)


def public_rows():
    with PUBLIC_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def seed_public_innovations():
    """The 14 publicly named innovations as launched demo entries (idempotent); new count."""
    units = {u.code: u for u in Unit.objects.all()}
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).first()
    created = 0
    for row in public_rows():
        year = int(row["year"])
        cycle = ensure_cycle(year)
        title = row["name"] + (f" ({row['long_name']})" if row["long_name"] else "")
        if Innovation.objects.filter(cycle=cycle, title=title, is_demo=True).exists():
            continue
        note = _note_id(row["note"])
        community = row["source_category"] == SourceCategory.MASYARAKAT
        unit = None if community else units.get(row["unit_code"] or FALLBACK_UNIT)
        if not community and unit is None:
            continue  # the reference units are not loaded: nothing honest to attach it to
        unknown_unit = not community and not row["unit_code"]
        results = (
            "[DEMO] Entri ini memuat nama inovasi yang disebut dalam laporan publik "
            f"({note}). Rincian profil, hasil dan data dukungnya tidak diketahui dan "
            "sengaja dikosongkan."
        )
        if unknown_unit:
            results += (
                " Perangkat daerah pengusul tidak diketahui; unit pada data demo ini hanya "
                "penampung, bukan fakta."
            )
        launch = cycle.launch_date or datetime.date(year, 12, 11)
        with transaction.atomic():
            innovation = Innovation(
                cycle=cycle,
                unit=unit,
                status=Status.LAUNCHED,
                code=allocate_codes(year)[0],
                title=title,
                source_category=unit.kind if unit else SourceCategory.MASYARAKAT,
                year=year,
                origin=Origin.MASYARAKAT if community else "",
                initiator=Initiator.MASYARAKAT if community else "",
                summary=f"[DEMO] {title}: {note}. Uraian lengkap inovasi ini belum tersedia.",
                results=results,
                tags=[DEMO_TAG],
                is_demo=True,
                created_at=wita_datetime(datetime.date(year, 1, 15)),
                decided_at=wita_datetime(launch),
            )
            innovation.save()
            if community:
                place = row["note"].removeprefix("community entry from ").strip()
                CommunitySubmitter.objects.create(
                    innovation=innovation,
                    name=f"[DEMO] Pengusul dari {place}",
                    village=place,
                )
            TransitionLog.objects.create(
                innovation=innovation,
                at=wita_datetime(launch, 10),
                actor=admin,
                action=Action.LAUNCH,
                from_status=Status.APPROVED,
                to_status=Status.LAUNCHED,
                note="[DEMO] Dimuat sebagai data demo dari daftar inovasi yang disebut publik.",
            )
        created += 1
    return created
