"""Demo and benchmark data: realistic innovations across the units, written in bulk.

Everything made here is flagged `is_demo` and tagged "demo". The 14 innovations named in public
reports (data/banjar_innovations_public.csv) keep only what is known of them (name, agency,
year, where they were mentioned); every other field stays empty or says "[DEMO]", so nothing
unknown is presented as fact. The generated ones are fiction, in Indonesian.

Rows are written with `bulk_create` in batches and codes are allocated in one go, so 100,000
innovations with their people, partners, history and stages take minutes, not hours.
"""

import csv
import datetime
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.enums import Role, UnitKind, Verification
from accounts.models import Unit, User

from .cycles import Cycle
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

PUBLIC_CSV = Path(__file__).resolve().parent / "data" / "banjar_innovations_public.csv"
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

# (acronym, long name, primary affair, problem, benefit)
TOPICS = [
    (
        "SIDUK KELILING",
        "Sistem Dokumen Kependudukan Keliling",
        "administrasi kependudukan",
        "warga desa terpencil menempuh perjalanan jauh untuk mengurus KTP dan akta kelahiran",
        "dokumen kependudukan terbit di desa tanpa biaya perjalanan",
    ),
    (
        "POSYANDU PINTAR",
        "Pencatatan Posyandu Digital",
        "kesehatan",
        "catatan tumbuh kembang balita masih di buku dan sering hilang",
        "kader dan bidan memantau gizi balita secara tepat waktu",
    ),
    (
        "GEMAS",
        "Gerakan Masyarakat Cegah Stunting",
        "kesehatan",
        "angka stunting di beberapa desa masih di atas target daerah",
        "keluarga berisiko stunting didampingi sejak kehamilan",
    ),
    (
        "IZIN KILAT",
        "Perizinan Usaha Satu Hari",
        "penanaman modal",
        "pelaku usaha kecil menunggu izin berhari-hari dan bolak-balik ke kantor",
        "izin usaha mikro selesai dalam satu hari kerja",
    ),
    (
        "BANK SAMPAH BERSINAR",
        "Bank Sampah Bersih, Sehat dan Bernilai",
        "lingkungan hidup",
        "sampah rumah tangga dibuang ke sungai dan saluran air",
        "sampah terpilah menjadi tabungan warga",
    ),
    (
        "PASAR TANI DARING",
        "Pasar Hasil Tani Daring",
        "pertanian",
        "petani menjual hasil panen kepada tengkulak dengan harga rendah",
        "petani menjual langsung kepada pembeli dengan harga lebih baik",
    ),
    (
        "SEKOLAH RAMAH",
        "Sekolah Ramah Anak dan Lingkungan",
        "pendidikan",
        "angka putus sekolah di daerah pinggiran masih tinggi",
        "anak bertahan di sekolah dan orang tua lebih terlibat",
    ),
    (
        "DESA MELEK DIGITAL",
        "Literasi Digital Aparatur Desa",
        "komunikasi dan informatika",
        "aparatur desa belum terbiasa mengelola layanan daring",
        "layanan desa tercatat rapi dan dapat dipantau warga",
    ),
    (
        "SANITASI BERSAMA",
        "Gerakan Sanitasi Layak Bersama Warga",
        "pekerjaan umum",
        "rumah tangga di bantaran sungai belum memiliki jamban sehat",
        "akses sanitasi layak meningkat dan penyakit diare menurun",
    ),
    (
        "LAPOR CEPAT",
        "Layanan Pengaduan Cepat Warga",
        "pemerintahan umum",
        "pengaduan warga tidak terlacak dan lama ditindaklanjuti",
        "setiap pengaduan tercatat dan dijawab dalam tiga hari",
    ),
    (
        "UMKM NAIK KELAS",
        "Pendampingan UMKM Naik Kelas",
        "koperasi dan usaha mikro",
        "usaha mikro sulit mengakses pasar dan permodalan",
        "usaha mikro memiliki legalitas, kemasan dan akses pemasaran",
    ),
    (
        "AIR BERSIH GAMBUT",
        "Pengolahan Air Bersih Lahan Gambut",
        "pekerjaan umum",
        "air di lahan gambut berwarna dan tidak layak minum",
        "keluarga mendapat air bersih yang terjangkau",
    ),
    (
        "SIAGA BANJIR",
        "Sistem Siaga Banjir Berbasis Warga",
        "ketenteraman dan ketertiban umum",
        "peringatan banjir terlambat sampai ke warga di hilir",
        "warga menerima peringatan dini dan mengungsi lebih cepat",
    ),
    (
        "PAJAK MUDAH",
        "Pembayaran Pajak Daerah Tanpa Antre",
        "keuangan daerah",
        "wajib pajak harus datang ke kantor dan antre untuk membayar",
        "pajak daerah dapat dibayar dari desa melalui kanal daring",
    ),
    (
        "AMBULANS DESA",
        "Ambulans Desa Siaga",
        "kesehatan",
        "pasien gawat darurat di desa sulit mendapat angkutan ke fasilitas kesehatan",
        "pasien tiba di puskesmas lebih cepat",
    ),
    (
        "PUSTAKA KELILING",
        "Perpustakaan Keliling Desa",
        "perpustakaan",
        "minat baca anak desa rendah karena buku sulit dijangkau",
        "anak desa membaca lebih banyak buku setiap bulan",
    ),
    (
        "SUSUR SUNGAI",
        "Wisata Susur Sungai Martapura",
        "pariwisata",
        "potensi wisata sungai belum dikelola dan belum dikenal",
        "kunjungan wisata dan pendapatan warga sekitar sungai meningkat",
    ),
    (
        "KARTU TANI PINTAR",
        "Kartu Tani Terintegrasi",
        "pertanian",
        "penyaluran pupuk bersubsidi sering tidak tepat sasaran",
        "pupuk bersubsidi tersalurkan sesuai data petani",
    ),
    (
        "HARUAN SEHAT",
        "Olahan Ikan Haruan untuk Gizi Keluarga",
        "perikanan",
        "hasil tangkapan ikan haruan dijual murah tanpa diolah",
        "olahan ikan haruan menambah gizi dan penghasilan keluarga",
    ),
    (
        "ANTREAN DARING",
        "Antrean Daring Layanan Kesehatan",
        "kesehatan",
        "pasien menunggu berjam-jam di ruang tunggu puskesmas",
        "waktu tunggu pasien berkurang dan ruang tunggu tidak padat",
    ),
]
FIRST_NAMES = [
    "Ahmad",
    "Muhammad",
    "Siti",
    "Nurul",
    "Rahmat",
    "Fitri",
    "Gusti",
    "Noor",
    "Akhmad",
    "Rina",
    "Syahrani",
    "Hairiyah",
    "Fauzan",
    "Mariati",
    "Rusdi",
    "Yuliani",
    "Zainal",
    "Aulia",
]
LAST_NAMES = [
    "Rizani",
    "Hidayah",
    "Fauzi",
    "Rahmawati",
    "Syarifuddin",
    "Noorhayati",
    "Rusdiansyah",
    "Hasanah",
    "Zaini",
    "Maulida",
    "Arsyad",
    "Jannah",
    "Basri",
    "Wahyuni",
    "Saufi",
    "Lestari",
]
PARTNERS = {
    HelixActor.PEMERINTAH: [
        "Pemerintah Desa setempat",
        "Dinas Kominfo Provinsi Kalimantan Selatan",
    ],
    HelixActor.SWASTA: ["Koperasi Produsen Intan Lestari", "Toko Daring Banua"],
    HelixActor.AKADEMISI: ["Universitas Lambung Mangkurat", "Politeknik Negeri Banjarmasin"],
    HelixActor.MASYARAKAT: ["PKK Desa", "Karang Taruna Desa"],
    HelixActor.NGO: ["Komunitas Peduli Sungai", "Forum Anak Daerah"],
    HelixActor.MEDIA: ["Radio komunitas setempat", "Media daring lokal"],
}
PARTNER_ROLES = ["pendampingan teknis", "penyediaan sarana", "sosialisasi", "evaluasi dampak"]
COMMUNITY_GROUPS = ["Kelompok Tani", "Kelompok Pengrajin", "Karang Taruna", "Kelompok Wanita"]
DESIGN_SENTENCES = [
    "Tahap pertama adalah memetakan masalah bersama warga, kader, dan perangkat desa sehingga "
    "semua pihak memahami kondisi awal dan sepakat tentang ukuran keberhasilan.",
    "Tim kemudian menyusun alur layanan baru yang lebih pendek, menghapus langkah yang tidak "
    "perlu, dan menetapkan siapa yang bertanggung jawab pada setiap langkah.",
    "Data layanan dicatat dalam formulir sederhana yang dapat diisi dari telepon genggam, "
    "sehingga pimpinan dapat memantau kemajuan setiap minggu tanpa menunggu laporan bulanan.",
    "Uji coba dilakukan di satu wilayah terlebih dahulu selama tiga bulan, dengan catatan "
    "kendala yang ditemui dan perbaikan yang dilakukan setelah setiap evaluasi.",
    "Petugas mendapatkan pelatihan singkat tentang cara melayani, mencatat, dan menindaklanjuti "
    "keluhan, disertai panduan tertulis yang mudah dibaca.",
    "Warga diberi informasi melalui pengumuman di masjid, grup pesan singkat, dan papan "
    "informasi desa agar tahu cara memanfaatkan layanan baru ini.",
    "Perubahan pokok dibandingkan cara lama adalah layanan datang mendekati warga, prosesnya "
    "terukur, dan hasilnya dilaporkan secara terbuka kepada masyarakat.",
    "Kerja sama dengan mitra dari perguruan tinggi, dunia usaha, dan komunitas membantu "
    "menyediakan sarana, pendampingan, serta penilaian dampak secara mandiri.",
    "Anggaran disusun hemat dengan memanfaatkan sarana yang sudah ada, sehingga inovasi dapat "
    "dilanjutkan dan direplikasi oleh unit lain tanpa biaya besar.",
    "Setelah uji coba, hasil evaluasi dibahas bersama pimpinan untuk memutuskan perluasan "
    "penerapan ke seluruh wilayah kerja dan penetapan dasar hukumnya.",
    "Keberlanjutan dijaga dengan menetapkan keputusan kepala unit, menganggarkan kegiatan rutin, "
    "dan menyiapkan kader pengganti di setiap desa.",
    "Indikator keberhasilan meliputi waktu layanan, jumlah warga yang terlayani, tingkat "
    "kepuasan, dan berkurangnya keluhan yang sama dari bulan ke bulan.",
]


def demo_design_text(rng, min_words=310):
    """A design text of at least `min_words` words from the sentence pool (varied order)."""
    sentences, words = [], 0
    pool = list(DESIGN_SENTENCES)
    while words < min_words:
        rng.shuffle(pool)
        for sentence in pool:
            sentences.append(sentence)
            words += len(sentence.split())
            if words >= min_words:
                break
    return " ".join(sentences)


def _aware(date, hour=9):
    return datetime.datetime.combine(date, datetime.time(hour), tzinfo=WITA)


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

    def _status(self):
        statuses = list(STATUS_WEIGHTS)
        if self.made < len(statuses):
            return statuses[self.made]
        return self.rng.choices(statuses, weights=list(STATUS_WEIGHTS.values()))[0]

    def _dates(self, status):
        year, rng = self.cycle.year, self.rng
        opens = self.cycle.submission_opens
        created = opens + datetime.timedelta(days=rng.randint(0, 150))
        times = {"created": created}
        moment = created
        for action in STATUS_PATHS[status]:
            if action == Action.LAUNCH:
                moment = self.cycle.launch_date or datetime.date(year, 12, 11)
            else:
                moment = moment + datetime.timedelta(days=rng.randint(3, 30))
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
            trial + datetime.timedelta(days=rng.randint(60, 200))
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
            created_at=_aware(times["created"]),
            submitted_at=_aware(times[Action.SUBMIT]) if Action.SUBMIT in times else None,
            decided_at=next(
                (_aware(times[a]) for a in (Action.APPROVE, Action.REJECT) if a in times), None
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
                    at=_aware(date, 10),
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
                created_at=_aware(datetime.date(year, 1, 15)),
                decided_at=_aware(launch),
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
                at=_aware(launch, 10),
                actor=admin,
                action=Action.LAUNCH,
                from_status=Status.APPROVED,
                to_status=Status.LAUNCHED,
                note="[DEMO] Dimuat sebagai data demo dari daftar inovasi yang disebut publik.",
            )
        created += 1
    return created


def seed_demo_innovations(*, year, count, seed=None, batch_size=2000, progress=None):
    """Bring the cycle of `year` to `count` demo innovations (never fewer, never duplicated)."""
    cycle = ensure_cycle(year)
    existing = Innovation.objects.filter(cycle=cycle, is_demo=True).count()
    missing = max(0, count - existing)
    if not missing:
        return 0
    generator = Generator(cycle, seed=seed, batch_size=batch_size)
    return generator.write(missing, progress=progress)
