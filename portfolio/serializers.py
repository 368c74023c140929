"""API shapes of the portfolio (docs/api-additions.md); writes go through the services."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Unit
from innovations.enums import AttachmentKind, Status
from innovations.models import Attachment
from innovations.serializers import ProfileChangeSerializer

from .enums import (
    DECREE_INDICATORS,
    AdopterKind,
    DecreeKind,
    DecreeState,
    ImportStatus,
    MonitoringMethod,
    ObligationStatus,
    RowOutcome,
)
from .models import (
    Decree,
    LegacyImport,
    LegacyImportRow,
    MonitoringReport,
    MonitoringSchedule,
    Replication,
)
from .models.replications import REGION_CODE


def download_url(attachment, request):
    path = reverse(
        "innovations-api:innovation-attachment-download",
        kwargs={"pk": attachment.innovation_id, "attachment_id": attachment.pk},
    )
    return request.build_absolute_uri(path) if request else path


class FileSerializer(serializers.ModelSerializer):
    """A stored file of a record: the innovation's attachment, downloaded with its permissions."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "filename", "size", "content_type", "indicator", "url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return download_url(obj, self.context.get("request"))


class InnovationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="innovation.id")
    code = serializers.CharField(source="innovation.code")
    title = serializers.CharField(source="innovation.title")
    year = serializers.IntegerField(source="innovation.year")
    unit = serializers.CharField(
        source="innovation.unit.code", default=None, allow_null=True, read_only=True
    )


class DecreeSerializer(serializers.ModelSerializer):
    innovation = InnovationRefSerializer(source="*", read_only=True)
    state = serializers.SerializerMethodField()
    days_left = serializers.SerializerMethodField()
    document = FileSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Decree
        fields = [
            "id",
            "innovation",
            "kind",
            "number",
            "issued_on",
            "signatory",
            "valid_from",
            "valid_until",
            "indicator",
            "note",
            "state",
            "days_left",
            "document",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=DecreeState.choices))
    def get_state(self, obj):
        return str(obj.state(timezone.localdate()))

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_days_left(self, obj):
        return obj.days_left()


class DecreeWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DecreeKind.choices)
    number = serializers.CharField(max_length=120)
    issued_on = serializers.DateField()
    signatory = serializers.CharField(max_length=200)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_until = serializers.DateField(required=False, allow_null=True)
    indicator = serializers.ChoiceField(choices=DECREE_INDICATORS, default=DECREE_INDICATORS[0])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    document = serializers.FileField(required=False, allow_empty_file=True, max_length=255)


class MonitoringReportSerializer(serializers.ModelSerializer):
    satisfaction_index = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, allow_null=True, read_only=True
    )
    evidence = FileSerializer(many=True, read_only=True)

    class Meta:
        model = MonitoringReport
        fields = [
            "id",
            "period",
            "reported_on",
            "method",
            "beneficiaries",
            "satisfaction_index",
            "budget_realised",
            "problems",
            "follow_up",
            "evidence",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MonitoringReportWriteSerializer(serializers.Serializer):
    reported_on = serializers.DateField(required=False)
    method = serializers.ChoiceField(choices=MonitoringMethod.choices, required=False)
    beneficiaries = serializers.IntegerField(min_value=0, max_value=2_000_000_000, required=False)
    satisfaction_index = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False, allow_null=True
    )
    budget_realised = serializers.IntegerField(
        min_value=0, max_value=10**15, required=False, allow_null=True
    )
    problems = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    follow_up = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, max_length=255),
        required=False,
        max_length=5,
    )


class MonitoringFileSerializer(MonitoringReportWriteSerializer):
    period = serializers.IntegerField(min_value=1, max_value=20)
    beneficiaries = serializers.IntegerField(min_value=0, max_value=2_000_000_000)


class SchedulePeriodSerializer(serializers.Serializer):
    period = serializers.IntegerField(source="period.number")
    starts_on = serializers.DateField(source="period.starts_on")
    due_on = serializers.DateField(source="period.due_on")
    status = serializers.ChoiceField(choices=ObligationStatus.choices)
    report = MonitoringReportSerializer(allow_null=True)


class ObligationSerializer(serializers.Serializer):
    """A monitoring report owed: the innovation, its period and when it is due."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    year = serializers.IntegerField()
    unit = serializers.CharField(source="unit__code", allow_null=True)
    unit_name = serializers.CharField(source="unit__name", allow_null=True)
    period = serializers.IntegerField()
    due_on = serializers.DateField()
    status = serializers.ChoiceField(source="state", choices=ObligationStatus.choices)


class MonitoringScheduleSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="cycle.year", read_only=True)
    reminder_offsets_days = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=365), max_length=10
    )

    class Meta:
        model = MonitoringSchedule
        fields = ["year", "interval_months", "periods", "lead_days", "reminder_offsets_days"]


class ReplicationSerializer(serializers.ModelSerializer):
    innovation = InnovationRefSerializer(source="*", read_only=True)
    adopter_unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    adopter = serializers.CharField(source="adopter_name", read_only=True)
    evidence = FileSerializer(many=True, read_only=True)

    class Meta:
        model = Replication
        fields = [
            "id",
            "innovation",
            "adopter_kind",
            "adopter_unit",
            "region_name",
            "region_code",
            "adopter",
            "replicated_on",
            "description",
            "evidence",
            "created_at",
        ]
        read_only_fields = fields


class ReplicationWriteSerializer(serializers.Serializer):
    adopter_kind = serializers.ChoiceField(choices=AdopterKind.choices)
    adopter_unit = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.all(), required=False, allow_null=True
    )
    region_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    region_code = serializers.RegexField(
        REGION_CODE.pattern, required=False, allow_blank=True, max_length=13
    )
    replicated_on = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, max_length=255),
        required=False,
        max_length=5,
    )


class PublicReplicationSerializer(serializers.ModelSerializer):
    adopter = serializers.CharField(source="adopter_name", read_only=True)

    class Meta:
        model = Replication
        fields = ["adopter_kind", "adopter", "region_code", "replicated_on", "description"]
        read_only_fields = fields


class YearSerializer(serializers.Serializer):
    """One entry of an innovation's lineage."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    imported = serializers.BooleanField(source="is_imported")


class PublicYearSerializer(serializers.Serializer):
    code = serializers.CharField()
    year = serializers.IntegerField()
    title = serializers.CharField()


class ContinuationSerializer(serializers.Serializer):
    possible = serializers.BooleanField()
    year = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField(allow_null=True)


class LineageSerializer(serializers.Serializer):
    years = YearSerializer(many=True)
    continuation = ContinuationSerializer()
    previous_approved = YearSerializer(allow_null=True)
    changes = ProfileChangeSerializer(many=True)


class ReusableEvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField(source="innovation.year")
    innovation_code = serializers.CharField(source="innovation.code")
    filename = serializers.CharField()
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    indicator = serializers.IntegerField(allow_null=True)
    size = serializers.IntegerField()
    reused = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return download_url(obj, self.context.get("request"))


class ReuseSerializer(serializers.Serializer):
    attachments = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=200
    )


class LegacyImportSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="email", read_only=True)
    progress = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=ImportStatus.choices, read_only=True)
    preview = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = LegacyImport
        fields = [
            "id",
            "filename",
            "size",
            "dry_run",
            "preview",
            "status",
            "progress",
            "rows_total",
            "rows_done",
            "created_count",
            "existing_count",
            "refused_count",
            "ignored_columns",
            "cycles_created",
            "error",
            "created_by",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class LegacyImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, max_length=255)


class LegacyImportRowSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(choices=RowOutcome.choices, read_only=True)
    errors = serializers.DictField(
        source="reasons", child=serializers.ListField(child=serializers.CharField()), read_only=True
    )
    messages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = LegacyImportRow
        fields = [
            "number",
            "title",
            "year",
            "status",
            "unit",
            "outcome",
            "code",
            "innovation",
            "errors",
            "messages",
        ]
        read_only_fields = fields
