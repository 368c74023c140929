"""API shapes of curation (API.md: Curation); writes go through curation.services."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innovations.enums import Action

from .models import (
    Assignment,
    Criterion,
    InternalComment,
    NoteTemplate,
    Recommendation,
    Review,
)
from .queue import days_since, days_waiting
from .rubric import SCORE_MAX, SCORE_MIN
from .services import DECISION_ACTIONS


class CriterionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(max_length=40)
    weight = serializers.IntegerField(min_value=1, max_value=100)

    class Meta:
        model = Criterion
        fields = ["code", "name", "weight", "description_1", "description_3", "description_5"]
        extra_kwargs = {
            name: {"required": False, "allow_blank": True, "max_length": 500}
            for name in ("description_1", "description_3", "description_5")
        }


class QueueItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    unit = serializers.CharField(source="unit.code", default=None, allow_null=True)
    unit_name = serializers.CharField(source="unit.name", default=None, allow_null=True)
    unit_kind = serializers.CharField(source="unit.kind", default=None, allow_null=True)
    source_category = serializers.CharField()
    origin = serializers.CharField()
    form = serializers.CharField()
    maturity = serializers.CharField()
    lab_stage = serializers.CharField()
    review_round = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    days_waiting = serializers.SerializerMethodField()
    reviews_done = serializers.IntegerField()
    reviewers_assigned = serializers.IntegerField()
    score = serializers.FloatField(allow_null=True)
    assigned_to_me = serializers.BooleanField()
    reviewed_by_me = serializers.BooleanField()
    curators = serializers.SerializerMethodField()
    # another innovation (any unit, any year) looks like this one: see the review page
    has_similar = serializers.BooleanField(default=False, read_only=True)
    # approve/reject taken but not published yet (cycles that publish decisions together)
    held_decision = serializers.ChoiceField(
        source="held_action",
        choices=["approve", "reject"],
        allow_null=True,
        default=None,
        read_only=True,
    )

    @extend_schema_field(serializers.IntegerField())
    def get_days_waiting(self, obj):
        return days_waiting(obj, self.context.get("today") or timezone.localdate())

    @extend_schema_field(serializers.ListField(child=serializers.EmailField()))
    def get_curators(self, obj):
        return [assignment.curator.email for assignment in obj.assignment_list]


_DATETIME = serializers.DateTimeField()  # unbound: its format and time zone, nothing else


def queue_items(rows, today):
    """QueueItemSerializer's body for rows of `queue_rows_queryset` (with `curators`), built
    directly: DRF walked 23 fields per row through `get_attribute` and `to_representation`,
    10 ms for a page of 50. Same keys in the same order, same values (the columns are already
    `str`, `int`, `bool`; the submission time goes through DRF's own DateTimeField), nulls
    kept."""
    zone = timezone.get_current_timezone()
    return [
        {
            "id": row["id"],
            "code": row["code"],
            "title": row["title"],
            "status": row["status"],
            "unit": row["unit__code"],
            "unit_name": row["unit__name"],
            "unit_kind": row["unit__kind"],
            "source_category": row["source_category"],
            "origin": row["origin"],
            "form": row["form"],
            "maturity": row["maturity"],
            "lab_stage": row["lab_stage"],
            "review_round": row["review_round"],
            "submitted_at": (
                None
                if row["submitted_at"] is None
                else _DATETIME.to_representation(row["submitted_at"])
            ),
            "days_waiting": days_since(row["submitted_at"], today, zone),
            "reviews_done": row["reviews_done"],
            "reviewers_assigned": row["reviewers_assigned"],
            "score": None if row["score"] is None else float(row["score"]),
            "assigned_to_me": row["assigned_to_me"],
            "reviewed_by_me": row["reviewed_by_me"],
            "curators": [email for email, _ in row["curators"]],
            "has_similar": row["has_similar"],
            "held_decision": row["held_action"],
        }
        for row in rows
    ]


class AssignmentSerializer(serializers.ModelSerializer):
    innovation = serializers.IntegerField(source="innovation_id", read_only=True)
    curator = serializers.SlugRelatedField(slug_field="email", read_only=True)
    curator_name = serializers.CharField(source="curator.full_name", read_only=True)
    assigned_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)

    class Meta:
        model = Assignment
        fields = ["innovation", "curator", "curator_name", "assigned_by", "assigned_at"]


class AssignmentCreateSerializer(serializers.Serializer):
    curators = serializers.ListField(child=serializers.EmailField(), allow_empty=False)


class ReviewSerializer(serializers.ModelSerializer):
    curator = serializers.SlugRelatedField(slug_field="email", read_only=True)
    curator_name = serializers.CharField(source="curator.full_name", read_only=True)
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX)
    )
    recommendation = serializers.ChoiceField(choices=Recommendation.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = Review
        fields = [
            "id",
            "innovation",
            "curator",
            "curator_name",
            "round",
            "scores",
            "comment",
            "recommendation",
            "weighted_score",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "innovation",
            "round",
            "weighted_score",
            "created_at",
            "updated_at",
        ]


class InternalCommentSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)
    author_name = serializers.CharField(
        source="author.full_name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = InternalComment
        fields = ["id", "author", "author_name", "body", "created_at"]
        read_only_fields = ["id", "author", "author_name", "created_at"]


class DecisionSerializer(serializers.Serializer):
    innovations = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=500
    )
    action = serializers.ChoiceField(choices=[(a.value, a.label) for a in DECISION_ACTIONS])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class DecisionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="innovation_id")
    code = serializers.CharField()
    title = serializers.CharField()
    result = serializers.ChoiceField(choices=["moved", "refused"])
    status = serializers.CharField()
    reason = serializers.CharField()


class DecisionResponseSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=Action.choices)
    moved = serializers.IntegerField()
    refused = serializers.IntegerField()
    results = DecisionResultSerializer(many=True)


class NoteTemplateSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)

    class Meta:
        model = NoteTemplate
        fields = ["id", "action", "title", "body", "created_by", "updated_at"]
        read_only_fields = ["id", "created_by", "updated_at"]


class PublishedDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    status = serializers.CharField()


class RefusedDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    reason = serializers.CharField()


class PublicationSerializer(serializers.Serializer):
    publication = serializers.IntegerField(allow_null=True)
    published = PublishedDecisionSerializer(many=True)
    refused = RefusedDecisionSerializer(many=True)


class AutoAssignRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False)
    k = serializers.IntegerField(min_value=1, max_value=5)
    # the queue's filters (`GET /curation/queue/` parameters), e.g. {"maturity": "penerapan"}
    filters = serializers.DictField(child=serializers.CharField(), required=False, default=dict)
    apply = serializers.BooleanField(required=False, default=False)


class AutoAssignRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    curators = serializers.ListField(child=serializers.EmailField())


class AutoAssignSerializer(serializers.Serializer):
    applied = serializers.BooleanField()
    proposal = AutoAssignRowSerializer(many=True)
    short = AutoAssignRowSerializer(many=True)
