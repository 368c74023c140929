"""BuiltFieldsMixin serializers write out what DRF's own serializers write out."""

import pytest
from rest_framework import serializers

from accounts.models import Unit
from intan_banjar.api import BuiltFieldsMixin


class StockUnitSerializer(serializers.ModelSerializer):
    secret = serializers.CharField(write_only=True, required=False)

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "active", "secret"]


class BuiltUnitSerializer(BuiltFieldsMixin, StockUnitSerializer):
    class Meta(StockUnitSerializer.Meta):
        pass


@pytest.mark.django_db
def test_list_representation_matches_drf_and_leaves_write_only_fields_out(unit, other_unit):
    units = Unit.objects.filter(pk__in=[unit.pk, other_unit.pk]).order_by("pk")
    built = BuiltUnitSerializer(units, many=True).data
    assert built == StockUnitSerializer(units, many=True).data
    assert len(built) == 2
    assert all("secret" not in row and row["code"] for row in built)
