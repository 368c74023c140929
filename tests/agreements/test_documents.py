import io
import re

import pytest
from pypdf import PdfReader

from agreements.documents import (
    agreement_pdf,
    cycle_agreements,
    cycle_pdf,
    date_id,
    number_in_words_id,
)
from tests.factories import UnitFactory

from .factories import AgreementFactory


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text):
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (115, "seratus lima belas"),
        (250, "dua ratus lima puluh"),
        (1000, "seribu"),
        (2025, "dua ribu dua puluh lima"),
        (1_250_000, "satu juta dua ratus lima puluh ribu"),
    ],
)
def test_number_in_words_id(number, words):
    assert number_in_words_id(number) == words


def test_date_id_uses_indonesian_month_names_whatever_the_language(settings):
    import datetime

    from django.utils import translation

    with translation.override("en"):
        assert date_id(datetime.date(2025, 12, 11)) == "11 Desember 2025"
    assert date_id(datetime.date(2024, 2, 6)) == "6 Februari 2024"


def test_agreement_pdf_contains_unit_head_year_and_commitment(cycle, unit):
    unit.name = "Dinas Komunikasi dan Informatika"
    unit.save()
    agreement = AgreementFactory(
        unit=unit,
        cycle=cycle,
        committed_count=3,
        planned_titles=["Aplikasi Antrean Daring", "Layanan Jemput Bola"],
        signatory_nip="197805122003121004",
    )

    reader, text = pdf_text(agreement_pdf(agreement))

    text = flat(text)
    assert len(reader.pages) == 1
    assert "PERJANJIAN INOVASI DAERAH" in text
    assert "PEMERINTAH KABUPATEN BANJAR" in text
    assert "Dinas Komunikasi dan Informatika" in text
    assert "197805122003121004" in text
    assert "2025" in text
    assert "3 (tiga)" in text
    assert "Aplikasi Antrean Daring" in text
    assert "Nomor 38 Tahun 2017" in text


def test_agreement_pdf_signed_date_in_indonesian(cycle, unit, head):
    import datetime

    from agreements.services import agreement_sign

    agreement = AgreementFactory(unit=unit, cycle=cycle)
    agreement = agreement_sign(agreement=agreement, by=head, signed_on=datetime.date(2025, 2, 6))

    _reader, text = pdf_text(agreement_pdf(agreement))

    assert "Martapura, 6 Februari 2025" in flat(text)


def test_cycle_pdf_has_one_agreement_per_active_unit(cycle, only_test_units):
    units = [UnitFactory(name=f"Kecamatan Uji {n}", kind="kecamatan") for n in range(4)]
    AgreementFactory(unit=units[0], cycle=cycle, committed_count=2)
    AgreementFactory(unit=units[1], cycle=cycle, committed_count=5)

    reader, text = pdf_text(cycle_pdf(cycle))

    text = flat(text)
    assert len(reader.pages) == 4
    assert text.count("PERJANJIAN INOVASI DAERAH") == 4
    for number, unit in enumerate(units):
        page = flat(reader.pages[number].extract_text())
        assert unit.name in page
    assert "5 (lima)" in text
    # Units without an agreement get a prefilled draft: the cycle minimum and the unit's head.
    assert "1 (satu)" in flat(reader.pages[2].extract_text())
    assert units[2].head_nip in flat(reader.pages[2].extract_text())


def test_cycle_agreements_prefill_units_without_agreement(cycle, only_test_units):
    with_agreement, without = UnitFactory(), UnitFactory()
    existing = AgreementFactory(unit=with_agreement, cycle=cycle)

    agreements = cycle_agreements(cycle)

    assert len(agreements) == 2
    by_unit = {a.unit_id: a for a in agreements}
    assert by_unit[with_agreement.pk].pk == existing.pk
    assert by_unit[without.pk].pk is None
    assert by_unit[without.pk].signatory_nip == without.head_nip
