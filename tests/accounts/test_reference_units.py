from collections import Counter

import pytest

from accounts.enums import Role
from accounts.models import Unit
from accounts.reference import load_units
from accounts.services import unit_merge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reference_units_loaded_by_migrate():
    counts = Counter(Unit.objects.values_list("kind", flat=True))
    assert counts == {"perangkat_daerah": 27, "kecamatan": 20, "puskesmas": 25}
    codes = sorted(Unit.objects.filter(kind="kecamatan").values_list("kemendagri_code", flat=True))
    assert codes == [f"63.03.{n:02d}" for n in range(1, 21)]
    assert Unit.objects.filter(kind="puskesmas", parent__code="DINKES").count() == 25


def test_reference_units_load_twice_changes_nothing():
    before = list(Unit.objects.order_by("code").values())
    assert load_units() == 0
    assert list(Unit.objects.order_by("code").values()) == before


def test_reference_units_keep_admin_renames():
    Unit.objects.filter(code="DINKES").update(name="Dinas Kesehatan (baru)")
    load_units()
    assert Unit.objects.get(code="DINKES").name == "Dinas Kesehatan (baru)"


def test_unit_merge_moves_users_and_keeps_old_row():
    source = Unit.objects.get(code="PKM-GAMBUT")
    target = Unit.objects.get(code="PKM-ALUH-ALUH")
    user = UserFactory(role=Role.OPERATOR, unit=source)
    unit_merge(source=source, target=target)
    source.refresh_from_db()
    user.refresh_from_db()
    assert user.unit == target
    assert source.active is False and source.merged_into == target


def test_reference_units_fill_missing_heads_only(tmp_path):
    Unit.objects.filter(code="DINKES").update(head_name="", head_nip="", head_title="")
    Unit.objects.filter(code="SETDA").update(head_name="Nama Dari Admin")
    csv_file = tmp_path / "units.csv"
    csv_file.write_text(
        "code,name,kind,parent_code,kecamatan_code,kemendagri_code,verification,"
        "head_name,head_nip,head_title\n"
        "DINKES,Dinas Kesehatan,perangkat_daerah,,,,sourced,"
        "dr. Kepala Dinkes,19780512 200312 1 004,Kepala Dinas Kesehatan\n"
        "SETDA,Sekretariat Daerah,perangkat_daerah,,,,sourced,Nama Dari Berkas,,\n",
        encoding="utf-8",
    )

    load_units(path=csv_file)

    dinkes = Unit.objects.get(code="DINKES")
    assert (dinkes.head_name, dinkes.head_nip, dinkes.head_title) == (
        "dr. Kepala Dinkes",
        "197805122003121004",
        "Kepala Dinas Kesehatan",
    )
    assert Unit.objects.get(code="SETDA").head_name == "Nama Dari Admin"
