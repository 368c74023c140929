"""The letterhead and Bappedalitbang's signatory come from the reference data, with fallbacks."""

import pytest

from accounts.letterhead import CURATING_HEAD_TITLE, curating_signatory, letterhead
from accounts.models import Unit

pytestmark = pytest.mark.django_db


def test_letterhead_is_issued_by_the_curating_unit_as_named_in_reference_data():
    Unit.objects.filter(code="BAPPEDALITBANG").update(name="Badan Riset dan Inovasi Daerah")

    kop = letterhead()

    assert kop.government == "PEMERINTAH KABUPATEN BANJAR"
    assert kop.agency == "BADAN RISET DAN INOVASI DAERAH"
    assert kop.address_lines == ("MARTAPURA · KALIMANTAN SELATAN",)
    assert kop.place == "Martapura"


def test_letterhead_names_another_agency_when_asked():
    assert letterhead(agency="Kecamatan Martapura").agency == "KECAMATAN MARTAPURA"


def test_letterhead_address_lines_come_first_when_configured(settings):
    settings.LETTERHEAD_ADDRESS = "Jalan Contoh Nomor 1"
    settings.LETTERHEAD_CONTACT = ""

    assert letterhead().address_lines == (
        "Jalan Contoh Nomor 1",
        "MARTAPURA · KALIMANTAN SELATAN",
    )


def test_curating_signatory_is_the_head_in_reference_data():
    Unit.objects.filter(code="BAPPEDALITBANG").update(
        head_name="Dr. Ir. Rahmat Hidayat, M.T.", head_nip="197501012000031002", head_title=""
    )

    signatory = curating_signatory()

    assert signatory.name == "Dr. Ir. Rahmat Hidayat, M.T."
    assert signatory.nip == "197501012000031002"
    assert signatory.title == CURATING_HEAD_TITLE


def test_curating_signatory_without_the_unit_keeps_the_office(settings):
    settings.CURATING_UNIT_CODE = "NO-SUCH-UNIT"

    signatory = curating_signatory()

    assert (signatory.title, signatory.name, signatory.nip) == (CURATING_HEAD_TITLE, "", "")
    assert letterhead().agency == (
        "BADAN PERENCANAAN PEMBANGUNAN DAERAH, PENELITIAN DAN PENGEMBANGAN"
    )
