"""Shapes of the IID readiness API. Decimals go out as numbers (floats), levels as integers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .enums import INDICATOR_NUMBERS, LEVELS, NationalStatus, Part
from .models import IgaEntry, Indicator

ESTIMATE_NOTICE = _(
    "Estimate by Kemendagri's method with this year's rules: the figures of the rules that are not "
    "confirmed against the official guideline are listed under `unconfirmed`, and every score "
    "here is an estimate."
)
NUMBER_MIN, NUMBER_MAX = INDICATOR_NUMBERS.start, INDICATOR_NUMBERS.stop - 1


class IndicatorSerializer(serializers.ModelSerializer):
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    max_score = serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=False, read_only=True
    )

    class Meta:
        model = Indicator
        fields = [
            "number",
            "part",
            "name",
            "weight",
            "max_score",
            "mandatory",
            "effort_per_level",
            "parameters",
            "level_1",
            "level_2",
            "level_3",
            "evidence_1",
            "evidence_2",
            "evidence_3",
            "name_confirmed",
            "weight_confirmed",
            "levels_confirmed",
            "source",
        ]
        read_only_fields = ["parameters"]


class IndicatorUpdateSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=NUMBER_MIN, max_value=NUMBER_MAX)
    part = serializers.ChoiceField(choices=Part.choices, required=False)
    name = serializers.CharField(max_length=200, required=False)
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, required=False)
    mandatory = serializers.BooleanField(required=False)
    effort_per_level = serializers.IntegerField(min_value=1, max_value=20, required=False)
    level_1 = serializers.CharField(required=False, allow_blank=True)
    level_2 = serializers.CharField(required=False, allow_blank=True)
    level_3 = serializers.CharField(required=False, allow_blank=True)
    evidence_1 = serializers.CharField(required=False, allow_blank=True)
    evidence_2 = serializers.CharField(required=False, allow_blank=True)
    evidence_3 = serializers.CharField(required=False, allow_blank=True)
    name_confirmed = serializers.BooleanField(required=False)
    weight_confirmed = serializers.BooleanField(required=False)
    levels_confirmed = serializers.BooleanField(required=False)
    source = serializers.CharField(max_length=60, required=False, allow_blank=True)


class IndicatorCreateSerializer(IndicatorUpdateSerializer):
    part = serializers.ChoiceField(choices=Part.choices)
    name = serializers.CharField(max_length=200)
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0)


class LevelSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=NUMBER_MIN, max_value=NUMBER_MAX)
    level = serializers.ChoiceField(choices=LEVELS)
    note = serializers.CharField(required=False, allow_blank=True)


class LevelsSerializer(serializers.Serializer):
    levels = LevelSerializer(many=True, allow_empty=False)


def evidence_dict(attachment, request):
    path = reverse(
        "innovations-api:innovation-attachment-download",
        kwargs={"pk": attachment.innovation_id, "attachment_id": attachment.pk},
    )
    return {
        "id": attachment.pk,
        "filename": attachment.filename,
        "url": request.build_absolute_uri(path) if request else path,
    }


def row_dict(row, request):
    return {
        "number": row.number,
        "name": row.indicator.name,
        "weight": float(row.indicator.weight),
        "weight_confirmed": row.indicator.weight_confirmed,
        "mandatory": row.indicator.mandatory,
        "level": row.level,
        "note": row.note,
        "points": float(row.points),
        "claimed_points": float(row.claimed_points),
        "max_points": float(row.max_points),
        "proven": not row.unproven,
        "mandatory_gap": row.mandatory_gap,
        "next_level": row.next_level,
        "missing": row.missing,
        "evidence": [evidence_dict(a, request) for a in row.evidence],
        "suggested_level": row.suggested_level,
        "facts": [fact_dict(fact, request) for fact in row.facts],
    }


def fact_dict(fact, request):
    url = fact.url
    if url and request is not None and url.startswith("/"):
        url = request.build_absolute_uri(url)
    return {"text": fact.text, "url": url, "level": fact.level, "alert": fact.alert}


def readiness_summary(readiness):
    innovation = readiness.innovation
    return {
        "id": innovation.pk,
        "code": innovation.code,
        "title": innovation.title,
        "unit": innovation.unit.code if innovation.unit_id else None,
        "year": innovation.cycle.year,
        "status": innovation.status,
        "score": float(readiness.score),
        "claimed_score": float(readiness.claimed_score),
        "max_score": float(readiness.max_score),
        "potential_gain": float(readiness.potential_gain),
        "mandatory_gaps": [row.number for row in readiness.mandatory_gaps],
        "unproven": [row.number for row in readiness.unproven],
        "levels": {str(number): level for number, level in readiness.levels().items()},
    }


def readiness_dict(readiness, request, *, can_edit):
    return {
        **readiness_summary(readiness),
        "estimate": True,
        "notice": str(ESTIMATE_NOTICE),
        "can_edit": can_edit,
        "indicators": [row_dict(row, request) for row in readiness.rows],
    }


class IgaEntrySerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="cycle.year", read_only=True)
    innovation_code = serializers.CharField(source="innovation.code", read_only=True)
    reported_by = serializers.EmailField(
        source="reported_by.email", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = IgaEntry
        fields = [
            "id",
            "year",
            "innovation",
            "innovation_code",
            "national_status",
            "warnings_confirmed",
            "reported_by",
            "reported_at",
        ]
        read_only_fields = fields


class IgaEntryCreateSerializer(serializers.Serializer):
    innovation = serializers.IntegerField()
    confirm = serializers.BooleanField(default=False)


class IgaEntryStatusSerializer(serializers.Serializer):
    national_status = serializers.ChoiceField(choices=NationalStatus.choices)
