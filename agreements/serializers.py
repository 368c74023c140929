"""Agreement API shapes (API.md "Agreements and compliance"). Units are referred to by code."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.fields import NIPSerializerField
from accounts.models import Unit
from innovations.models import Cycle

from .enums import AgreementStatus, Colour, Fulfilment
from .models import Agreement
from .workflow import allowed_actions


class TitleListField(serializers.ListField):
    child = serializers.CharField(max_length=300)


class AgreementSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="cycle.year", read_only=True)
    unit = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    unit_kind = serializers.CharField(source="unit.kind", read_only=True)
    # Null until someone signs, verifies, ...; `allow_null` puts that in the schema.
    signed_by = serializers.EmailField(
        source="signed_by.email", read_only=True, default=None, allow_null=True
    )
    verified_by = serializers.EmailField(
        source="verified_by.email", read_only=True, default=None, allow_null=True
    )
    created_by = serializers.EmailField(
        source="created_by.email", read_only=True, default=None, allow_null=True
    )
    has_scan = serializers.SerializerMethodField()
    delivered = serializers.IntegerField(read_only=True, default=None, allow_null=True)
    fulfilment = serializers.ChoiceField(
        choices=Fulfilment.choices, read_only=True, default=None, allow_null=True
    )
    allowed_actions = serializers.SerializerMethodField()
    document_url = serializers.SerializerMethodField()
    scan_url = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "year",
            "unit",
            "unit_name",
            "unit_kind",
            "status",
            "committed_count",
            "planned_titles",
            "signatory_name",
            "signatory_nip",
            "signatory_title",
            "signed_on",
            "signed_at",
            "signed_by",
            "signed_on_behalf",
            "has_scan",
            "scan_url",
            "verified_at",
            "verified_by",
            "rejection_note",
            "delivered",
            "fulfilment",
            "allowed_actions",
            "document_url",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_scan(self, obj) -> bool:
        return bool(obj.scan)

    def get_allowed_actions(self, obj) -> list[str]:
        return allowed_actions(obj, self.context["request"].user)

    def get_document_url(self, obj) -> str:
        return reverse("agreement-document", args=[obj.pk])

    def get_scan_url(self, obj) -> str | None:
        return reverse("agreement-scan", args=[obj.pk]) if obj.scan else None


class AgreementCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    unit = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.all(), required=False, allow_null=True
    )
    committed_count = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    planned_titles = TitleListField(required=False)

    def validate_year(self, value):
        cycle = Cycle.objects.filter(year=value).first()
        if cycle is None:
            raise serializers.ValidationError(_("There is no cycle for this year."))
        return cycle


class AgreementUpdateSerializer(serializers.Serializer):
    committed_count = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    planned_titles = TitleListField(required=False)
    signatory_name = serializers.CharField(max_length=200, required=False)
    signatory_nip = NIPSerializerField(required=False)
    signatory_title = serializers.CharField(max_length=200, required=False)


class AgreementSignSerializer(serializers.Serializer):
    signatory_name = serializers.CharField(max_length=200, required=False)
    signatory_nip = NIPSerializerField(required=False)
    signatory_title = serializers.CharField(max_length=200, required=False)
    signed_on = serializers.DateField(required=False)
    scan = serializers.FileField(required=False, allow_empty_file=False)


class AgreementRejectSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class ComplianceRowSerializer(serializers.Serializer):
    unit = serializers.CharField()
    unit_name = serializers.CharField()
    unit_kind = serializers.CharField()
    unit_active = serializers.BooleanField()
    agreement_id = serializers.IntegerField(allow_null=True)
    agreement_status = serializers.ChoiceField(choices=AgreementStatus.choices, allow_null=True)
    committed = serializers.IntegerField()
    drafted = serializers.IntegerField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    launched = serializers.IntegerField()
    met = serializers.BooleanField()
    colour = serializers.ChoiceField(choices=Colour.choices)
    fulfilment = serializers.ChoiceField(choices=Fulfilment.choices, allow_null=True)


def compliance_rows_data(rows):
    """`ComplianceRowSerializer(rows, many=True).data`, built directly from the row objects.

    The serializer's field walk (14 fields, each looked up, checked for None and converted)
    cost as much as the page's own query work; the rows' values are already the JSON types
    (str, int, bool, None), and the choices are plain strings (`.value` of the enum members).
    tests/agreements/test_compliance_fast_paths.py pins the equality.
    """
    return [
        {
            "unit": row.unit,
            "unit_name": row.unit_name,
            "unit_kind": row.unit_kind,
            "unit_active": row.unit_active,
            "agreement_id": row.agreement_id,
            "agreement_status": row.agreement_status,
            "committed": row.committed,
            "drafted": row.drafted,
            "submitted": row.submitted,
            "approved": row.approved,
            "launched": row.launched,
            "met": row.met,
            "colour": row.colour.value,
            "fulfilment": row.fulfilment and row.fulfilment.value,
        }
        for row in rows
    ]


class ComplianceTotalsSerializer(serializers.Serializer):
    units = serializers.IntegerField()
    committed = serializers.IntegerField()
    drafted = serializers.IntegerField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    launched = serializers.IntegerField()
    met = serializers.IntegerField()
    signed = serializers.IntegerField()
    green = serializers.IntegerField()
    amber = serializers.IntegerField()
    red = serializers.IntegerField()


class ComplianceSerializer(serializers.Serializer):
    """A paginated list of rows plus the totals of every row (not only the page's)."""

    year = serializers.IntegerField()
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    totals = ComplianceTotalsSerializer()
    results = ComplianceRowSerializer(many=True)
