"""API shapes of cycles and innovations (API.md); writes go through innovations.services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.fields import NIPSerializerField, PhoneSerializerField
from accounts.models import Unit
from intan_banjar.api import BuiltFieldsMixin

from .enums import Action, AttachmentKind, LabStage
from .history import shown_actor
from .models import (
    INDICATOR_MAX,
    INDICATOR_MIN,
    PROFILE_FIELDS,
    Attachment,
    CommunitySubmitter,
    Cycle,
    Innovation,
    Innovator,
    LabStageRecord,
    Partner,
    TransitionLog,
)
from .rules import may_see_scores, may_view_submitter_contact
from .serializers_list import InnovationListSerializer
from .workflow import allowed_actions


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        "example": "08:00",
    }
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in WITA, "HH:MM": OpenAPI's `format: time` would demand an offset."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class CycleSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.TimeField: LocalTimeField,
    }

    class Meta:
        model = Cycle
        fields = [
            "year",
            "submission_opens",
            "submission_deadline",
            "curation_deadline",
            "agreement_deadline",
            "launch_date",
            "min_innovations_per_unit",
            "reminder_offsets_days",
            "reminder_send_time",
            "review_overdue_days",
            "revision_pending_days",
            "iga_bands",
            "iid_min_divisor",
            "head_approval_required",
            "publish_decisions_together",
        ]
        # A form post without these JSON fields reads them as null: a 400, not a NOT NULL error.
        extra_kwargs = {
            "iga_bands": {"allow_null": False},
            "reminder_offsets_days": {"allow_null": False},
        }

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["year"].read_only = True
        return fields

    def validate(self, attrs):
        """The model's own date-order checks, on the values the cycle would have after saving."""
        cycle = Cycle(**{**self._current_values(), **attrs})
        try:
            cycle.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
        return attrs

    def _current_values(self):
        if self.instance is None:
            return {}
        return {name: getattr(self.instance, name) for name in self.Meta.fields}


class InnovatorSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    nip = NIPSerializerField(required=False, allow_blank=True)

    class Meta:
        model = Innovator
        fields = ["name", "nip"]


class PartnerSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["actor", "name", "role"]


class CommunitySubmitterSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    phone = PhoneSerializerField(required=False, allow_blank=True, max_length=40)

    class Meta:
        model = CommunitySubmitter
        fields = ["name", "email", "phone", "village", "email_confirmed_at"]
        read_only_fields = ["email_confirmed_at"]


class AttachmentSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "indicator",
            "lab_stage",
            "filename",
            "size",
            "content_type",
            "uploaded_at",
            "url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        path = reverse(
            "innovations-api:innovation-attachment-download",
            kwargs={"pk": obj.innovation_id, "attachment_id": obj.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=False, max_length=255)
    kind = serializers.ChoiceField(choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    indicator = serializers.IntegerField(
        required=False, allow_null=True, min_value=INDICATOR_MIN, max_value=INDICATOR_MAX
    )
    lab_stage = serializers.ChoiceField(
        choices=LabStage.choices, required=False, allow_blank=True, default=""
    )


class InnovationSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    year = serializers.IntegerField(source="cycle.year", required=False)
    unit = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.all(), required=False, allow_null=True
    )
    innovators = InnovatorSerializer(many=True, required=False)
    partners = PartnerSerializer(many=True, required=False)
    community_submitter = CommunitySubmitterSerializer(required=False, allow_null=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    affairs = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=50
    )
    score = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()
    # Issue 15: the entry it continues (its lineage: /innovations/{id}/lineage/), and whether it
    # came from the legacy archive.
    predecessor = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    imported = serializers.BooleanField(source="is_imported", read_only=True)

    class Meta:
        model = Innovation
        fields = [
            "id",
            "code",
            "year",
            "unit",
            "status",
            "source_category",
            *PROFILE_FIELDS,
            "lab_stage",
            "innovators",
            "partners",
            "community_submitter",
            "attachments",
            "score",
            "review_round",
            "created_at",
            "updated_at",
            "submitted_at",
            "decided_at",
            "predecessor",
            "imported",
            "allowed_actions",
        ]
        # The list endpoint writes its rows from a prepared plan (issue 20); same JSON.
        list_serializer_class = InnovationListSerializer
        read_only_fields = [
            "id",
            "code",
            "status",
            "source_category",
            "review_round",
            "created_at",
            "updated_at",
            "submitted_at",
            "decided_at",
        ]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_score(self, obj):
        """Curators, admins and leaders only: a unit never sees how it was scored."""
        user = self._user()
        if user is None or not may_see_scores(user):
            return None
        return getattr(obj, "score", None)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Action.choices)))
    def get_allowed_actions(self, obj):
        return allowed_actions(obj, self._user())

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # The submitter's personal data only for the roles the detail page shows it to.
        user = self._user()
        if user is None or not may_view_submitter_contact(user):
            data["community_submitter"] = None
        data.setdefault("community_submitter", None)
        return data

    def validate_year(self, value):
        # Kept for the view, which creates the innovation in this cycle: not read twice.
        self.year_cycle = Cycle.objects.filter(year=value).first()
        if self.year_cycle is None:
            raise serializers.ValidationError(
                _("There is no cycle for %(year)s.") % {"year": value}
            )
        return value


class TransitionSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=40)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class HistorySerializer(serializers.ModelSerializer):
    """One status change; the actor as the requesting user may see them (`history.shown_actor`)."""

    actor = serializers.SerializerMethodField()
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = TransitionLog
        fields = ["at", "actor", "actor_name", "action", "from_status", "to_status", "note"]

    def _shown(self, obj):
        request = self.context.get("request")
        return shown_actor(obj, getattr(request, "user", None))

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_actor(self, obj):
        return self._shown(obj)[0]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor_name(self, obj):
        return self._shown(obj)[1]


class LabStageRecordSerializer(serializers.ModelSerializer):
    recorded_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)

    class Meta:
        model = LabStageRecord
        fields = ["stage", "previous_stage", "reached_on", "recorded_by", "recorded_at", "note"]
        read_only_fields = ["previous_stage", "recorded_by", "recorded_at"]
        extra_kwargs = {"reached_on": {"required": False}, "note": {"required": False}}


class ProfileChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
