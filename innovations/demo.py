"""Demo and benchmark data: realistic innovations across the units, written in bulk.

Everything made here is flagged `is_demo` and tagged "demo". The 14 innovations named in public
reports (data/banjar_innovations_public.csv) keep only what is known of them (name, agency,
year, where they were mentioned); every other field stays empty or says "[DEMO]", so nothing
unknown is presented as fact. The generated ones are fiction, in Indonesian.

Rows are written with `bulk_create` in batches and codes are allocated in one go, so 100,000
innovations with their people, partners, history and stages take minutes, not hours.
"""

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.enums import Role, UnitKind, Verification
from accounts.models import Unit, User

from .checks import region_today
from .cycles import Cycle
from .demo_dates import past_date, past_moment
from .demo_text import (
    COMMUNITY_GROUPS,
    FIRST_NAMES,
    LAST_NAMES,
    PARTNER_ROLES,
    PARTNERS,
    TOPICS,
    demo_design_text,
)
from .enums import (
    LAB_STAGE_ORDER,
    Action,
    Form,
    HelixActor,
    Initiator,
    InnovationType,
    Maturity,
    Origin,
    SourceCategory,
    Status,
)
from .models import (
    CommunitySubmitter,
    Innovation,
    Innovator,
    LabStageRecord,
    Partner,
    TransitionLog,
    allocate_codes,
)

DEMO_TAG = "demo"
BENCH_UNIT_PREFIX = "SIM-"
WITA = ZoneInfo("Asia/Makassar")

# Every status appears first (so even a small demo shows each one), then by these weights.
STATUS_WEIGHTS = {
    Status.DRAFT: 14,
    Status.SUBMITTED: 10,
    Status.IN_REVIEW: 10,
    Status.REVISION_REQUESTED: 8,
    Status.APPROVED: 14,
    Status.REJECTED: 6,
    Status.WITHDRAWN: 4,
    Status.LAUNCHED: 34,
}
# The actions that lead from draft to each status (PRODUCT.md §4).
STATUS_PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [Action.SUBMIT],
    Status.IN_REVIEW: [Action.SUBMIT, Action.START_REVIEW],
    Status.REVISION_REQUESTED: [Action.SUBMIT, Action.START_REVIEW, Action.REQUEST_REVISION],
    Status.APPROVED: [Action.SUBMIT, Action.START_REVIEW, Action.APPROVE],
    Status.REJECTED: [Action.SUBMIT, Action.START_REVIEW, Action.REJECT],
    Status.WITHDRAWN: [Action.SUBMIT, Action.WITHDRAW],
    Status.LAUNCHED: [Action.SUBMIT, Action.START_REVIEW, Action.APPROVE, Action.LAUNCH],
}
ACTION_TARGETS = {
    Action.SUBMIT: Status.SUBMITTED,
    Action.START_REVIEW: Status.IN_REVIEW,
    Action.REQUEST_REVISION: Status.REVISION_REQUESTED,
    Action.APPROVE: Status.APPROVED,
    Action.REJECT: Status.REJECTED,
    Action.WITHDRAW: Status.WITHDRAWN,
    Action.LAUNCH: Status.LAUNCHED,
}
NOTES = {
    Action.REQUEST_REVISION: "Mohon lengkapi data dukung penerapan dan jelaskan indikator hasil.",
    Action.REJECT: "Belum memenuhi kriteria kebaruan; inovasi serupa sudah diterapkan.",
    Action.WITHDRAW: "Ditarik oleh unit untuk diperbaiki tahun depan.",
}
# How far along the Laboratorium Inovasi an innovation in each status typically is.
STAGE_REACH = {
    Status.DRAFT: (0, 2),
    Status.SUBMITTED: (2, 3),
    Status.IN_REVIEW: (2, 3),
    Status.REVISION_REQUESTED: (2, 3),
    Status.APPROVED: (3, 4),
    Status.REJECTED: (1, 3),
    Status.WITHDRAWN: (0, 2),
    Status.LAUNCHED: (4, 5),
}


def _weights_for(cycle):
    """The statuses a demo of `cycle` may show: none launched before its launch day.

    The open demo cycle of the current year launches months ahead; innovations shown as
    launched there would appear in the public catalogue as launched on a day still to come.
    """
    launch_day = cycle.launch_date or datetime.date(cycle.year, 12, 11)
    if launch_day <= region_today():
        return STATUS_WEIGHTS
    return {status: w for status, w in STATUS_WEIGHTS.items() if status != Status.LAUNCHED}


def wita_datetime(date, hour=9):
    """That hour of `date` in Martapura, or now if that is still ahead (demo_dates)."""
    return past_moment(datetime.datetime.combine(date, datetime.time(hour), tzinfo=WITA))


def _nip(rng, year):
    born = datetime.date(rng.randint(1970, 1995), rng.randint(1, 12), rng.randint(1, 28))
    hired = rng.randint(max(born.year + 22, 1995), min(born.year + 30, year))
    return (
        f"{born:%Y%m%d}{hired}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"
    )


def ensure_cycle(year):
    cycle, _created = Cycle.objects.get_or_create(year=year, defaults=Cycle.defaults_for_year(year))
    return cycle


def ensure_bench_units(count, *, seed=5000):
    """Synthetic units SIM-00001... up to `count` of them (idempotent); returns how many new."""
    existing = set(
        Unit.objects.filter(code__startswith=BENCH_UNIT_PREFIX).values_list("code", flat=True)
    )
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    kinds = [UnitKind.PERANGKAT_DAERAH, UnitKind.KECAMATAN, UnitKind.PUSKESMAS, UnitKind.DESA]
    new = []
    for number in range(1, count + 1):
        code = f"{BENCH_UNIT_PREFIX}{number:05d}"
        kind = rng.choice(kinds)
        if code in existing:
            continue
        new.append(
            Unit(
                code=code,
                name=f"Unit Simulasi {number:05d}",
                kind=kind,
                verification=Verification.MANUAL,
            )
        )
    Unit.objects.bulk_create(new, batch_size=2000)
    return len(new)


@dataclass
class _Plan:
    innovation: Innovation
    path: list
    stages: list
    innovators: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    submitter: CommunitySubmitter | None = None


class Generator:
    """Builds plausible innovations of one cycle; `write(count)` stores them in batches."""

    def __init__(self, cycle, *, seed=None, community_share=0.1, batch_size=2000):
        self.cycle = cycle
        self.rng = random.Random(cycle.year if seed is None else seed)  # noqa: S311
        self.community_share = community_share
        self.batch_size = batch_size
        self.units = list(Unit.objects.filter(active=True).only("id", "kind", "name", "code"))
        self.places = [
            u.name.removeprefix("Kecamatan ") for u in self.units if u.kind == UnitKind.KECAMATAN
        ] or ["Martapura"]
        self.curator = (
            User.objects.filter(role=Role.CURATOR, is_lead=True, is_active=True).first()
            or User.objects.filter(role=Role.CURATOR, is_active=True).first()
        )
        self.admin = User.objects.filter(role=Role.ADMIN, is_active=True).first()
        self.designs = [demo_design_text(self.rng) for _ in range(8)]
        self.made = Innovation.objects.filter(cycle=cycle, is_demo=True).count()
        self.weights = _weights_for(cycle)

    def _status(self):
        statuses = list(self.weights)
        if self.made < len(statuses):
            return statuses[self.made]
        return self.rng.choices(statuses, weights=list(self.weights.values()))[0]

    def _dates(self, status):
        """Each step of the innovation's story, in order and never after today (demo_dates):
        a step that would come later happens today."""
        year, rng, today = self.cycle.year, self.rng, region_today()
        opens = self.cycle.submission_opens
        created = past_date(opens + datetime.timedelta(days=rng.randint(0, 150)), today)
        times = {"created": created}
        moment = created
        for action in STATUS_PATHS[status]:
            if action == Action.LAUNCH:
                planned = self.cycle.launch_date or datetime.date(year, 12, 11)
                moment = max(moment, past_date(planned, today))
            else:
                moment = past_date(moment + datetime.timedelta(days=rng.randint(3, 30)), today)
            times[action] = moment
        return times

    def plan(self, code):
        rng = self.rng
        status = self._status()
        self.made += 1
        community = not self.units or rng.random() < self.community_share
        unit = None if community else rng.choice(self.units)
        acronym, long_name, affair, problem, benefit = rng.choice(TOPICS)
        place = rng.choice(self.places)
        times = self._dates(status)
        if community:
            origin, initiator = Origin.MASYARAKAT, Initiator.MASYARAKAT
        else:
            origin = rng.choice(
                [
                    Origin.LABORATORIUM_INOVASI,
                    Origin.PKP,
                    Origin.PKA,
                    Origin.MANDIRI,
                    Origin.KOMPETISI,
                ]
            )
            initiator = rng.choice(
                [Initiator.ASN, Initiator.PERANGKAT_DAERAH, Initiator.KEPALA_DAERAH]
            )
        maturity = rng.choice(list(Maturity))
        trial = times["created"] - datetime.timedelta(days=rng.randint(30, 400))
        implementation = (
            past_date(trial + datetime.timedelta(days=rng.randint(60, 200)))
            if maturity == Maturity.PENERAPAN
            else None
        )
        low, high = STAGE_REACH[status]
        reach = rng.randint(low, high) if origin == Origin.LABORATORIUM_INOVASI else 0
        stages = LAB_STAGE_ORDER[:reach]
        results = (
            f"Sejak uji coba, {benefit}; {rng.randint(120, 4800)} warga telah terlayani."
            if status in (Status.APPROVED, Status.LAUNCHED)
            else ""
        )
        innovation = Innovation(
            cycle=self.cycle,
            unit=unit,
            status=status,
            code=code,
            title=f"{acronym} {place}",
            source_category=unit.kind if unit else SourceCategory.MASYARAKAT,
            year=self.cycle.year,
            origin=origin,
            form=rng.choice(
                [Form.PELAYANAN_PUBLIK, Form.PELAYANAN_PUBLIK, Form.TATA_KELOLA, Form.LAINNYA]
            ),
            type=rng.choice(list(InnovationType)),
            initiator=initiator,
            maturity=maturity,
            lab_stage=stages[-1] if stages else "",
            trial_date=trial if maturity != Maturity.INISIATIF else None,
            implementation_date=implementation,
            summary=f"{long_name} di {place}: {benefit}.",
            problem=f"Sebelum inovasi ini, {problem}.",
            design=rng.choice(self.designs),
            goals=f"Memastikan {benefit} di wilayah {place}.",
            benefits=f"Manfaat utama: {benefit}.",
            results=results,
            budget=None if community else rng.randrange(5_000_000, 250_000_000, 500_000),
            budget_source="" if community else rng.choice(["APBD", "APBDes", "CSR mitra"]),
            affairs=[affair],
            tags=[DEMO_TAG, rng.choice(["SDGs", "Asta Cita", "Pelayanan Publik"])],
            is_demo=True,
            created_at=wita_datetime(times["created"]),
            submitted_at=wita_datetime(times[Action.SUBMIT]) if Action.SUBMIT in times else None,
            decided_at=next(
                (wita_datetime(times[a]) for a in (Action.APPROVE, Action.REJECT) if a in times),
                None,
            ),
        )
        plan = _Plan(
            innovation=innovation, path=[(a, times[a]) for a in STATUS_PATHS[status]], stages=stages
        )
        for position in range(1, rng.randint(1, 3) + 1):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            nip = "" if community else _nip(rng, self.cycle.year)
            plan.innovators.append(Innovator(name=name, nip=nip, position=position))
        for position in range(1, rng.randint(0, 3) + 1):
            actor = rng.choice(list(HelixActor))
            plan.partners.append(
                Partner(
                    actor=actor,
                    name=rng.choice(PARTNERS[actor]),
                    role=rng.choice(PARTNER_ROLES),
                    position=position,
                )
            )
        if community:
            number = rng.randint(1, 99999)
            plan.submitter = CommunitySubmitter(
                name=f"{rng.choice(COMMUNITY_GROUPS)} {place}",
                email=f"kelompok{number}@warga.example",
                phone=f"08{rng.randint(1000000000, 9999999999)}",
                village=f"Desa {rng.choice(LAST_NAMES)} Jaya, Kecamatan {place}",
                email_confirmed_at=plan.innovation.submitted_at,
            )
        return plan

    def write(self, count, *, progress=None):
        """Create `count` innovations; returns how many were created."""
        codes = allocate_codes(self.cycle.year, count) if count else []
        done = 0
        for start in range(0, count, self.batch_size):
            batch = [self.plan(code) for code in codes[start : start + self.batch_size]]
            with transaction.atomic():
                _store(batch, curator=self.curator, admin=self.admin)
            done += len(batch)
            if progress:
                progress(done)
        return done


def _store(plans, *, curator, admin):
    Innovation.objects.bulk_create([p.innovation for p in plans])
    innovators, partners, submitters, history, stages = [], [], [], [], []
    for plan in plans:
        innovation = plan.innovation
        for person in plan.innovators:
            person.innovation = innovation
            innovators.append(person)
        for partner in plan.partners:
            partner.innovation = innovation
            partners.append(partner)
        if plan.submitter is not None:
            plan.submitter.innovation = innovation
            submitters.append(plan.submitter)
        previous = Status.DRAFT
        for action, date in plan.path:
            target = ACTION_TARGETS[action]
            actor = None
            if action in (
                Action.START_REVIEW,
                Action.REQUEST_REVISION,
                Action.APPROVE,
                Action.REJECT,
            ):
                actor = curator
            elif action == Action.LAUNCH:
                actor = admin
            history.append(
                TransitionLog(
                    innovation=innovation,
                    at=wita_datetime(date, 10),
                    actor=actor,
                    action=action,
                    from_status=previous,
                    to_status=target,
                    note=NOTES.get(action, ""),
                )
            )
            previous = target
        reached = innovation.created_at.date() - datetime.timedelta(days=60)
        previous_stage = ""
        for stage in plan.stages:
            reached += datetime.timedelta(days=20)
            stages.append(
                LabStageRecord(
                    innovation=innovation,
                    stage=stage,
                    previous_stage=previous_stage,
                    reached_on=min(reached, timezone.localdate()),
                )
            )
            previous_stage = stage
    Innovator.objects.bulk_create(innovators)
    Partner.objects.bulk_create(partners)
    CommunitySubmitter.objects.bulk_create(submitters)
    TransitionLog.objects.bulk_create(history)
    LabStageRecord.objects.bulk_create(stages)


def seed_demo_innovations(*, year, count, seed=None, batch_size=2000, progress=None):
    """Bring the cycle of `year` to `count` demo innovations (never fewer, never duplicated)."""
    cycle = ensure_cycle(year)
    existing = Innovation.objects.filter(cycle=cycle, is_demo=True).count()
    missing = max(0, count - existing)
    if not missing:
        return 0
    generator = Generator(cycle, seed=seed, batch_size=batch_size)
    return generator.write(missing, progress=progress)
