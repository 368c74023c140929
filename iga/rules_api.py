"""API of the year's IID rules, the planner and the published indices (docs/api-additions.md).

Thin like `iga.api`: reads check the `iga.rules` predicates, writes go through
`iga.rules_services` / `iga.services`, whose `intan_banjar.exceptions` refusals the API's
exception handler answers (400 per field, 403).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from innovations.models import Cycle
from intan_banjar.api import FileFormatNegotiation
from intan_banjar.permissions import rule_permission
from intan_banjar.schema import CSV, XLSX, file_responses
from reports.api import chosen_format
from reports.downloads import DIALECT, csv_dialect, export_response

from . import rules_services, services, yearly
from .api import CatalogueView
from .enums import Predicate
from .history import trend
from .models import Indicator, PublishedIndex
from .planner import DEFAULT_TARGET, plan_for
from .rules import may_manage_iga, may_plan, may_view_history, may_view_rules
from .serializers import (
    IndicatorCreateSerializer,
    IndicatorSerializer,
    IndicatorUpdateSerializer,
)

PREDICATES = [p.value for p in Predicate]


def _cycle(year):
    return get_object_or_404(Cycle, year=year)


def rules_dict(cycle):
    """The cycle's rules with their totals and what is unconfirmed."""
    rules_ = yearly.rules_of(cycle)
    figures = rules_.totals()
    return {
        "year": cycle.year,
        "edition": rules_.edition,
        "editions": list(yearly.EDITIONS),
        "min_divisor": rules_.min_divisor,
        "min_divisor_confirmed": rules_.min_divisor_confirmed,
        "count_brackets": [
            {**bracket, "points": float(bracket.get("points") or 0)}
            for bracket in rules_.count_brackets
        ],
        "count_brackets_confirmed": rules_.count_brackets_confirmed,
        "bands": rules_.bands,
        "indicators": IndicatorSerializer(rules_.region + rules_.innovation, many=True).data,
        "totals": {
            "spd_max": float(figures.spd_max),
            "innovation_max": float(figures.innovation_max),
            "count_score_max": float(figures.count_score_max),
            "sid_max": float(figures.sid_max),
            "total_max": float(figures.total_max),
            "region_share": float(figures.region_share),
        },
        "unconfirmed": [str(item) for item in rules_.unconfirmed()],
    }


class BandSerializer(serializers.Serializer):
    # Text checked in validate_category (iga.rules_services checks it too): a second ChoiceField
    # over the predicates would give the schema two names for one enum.
    category = serializers.CharField(max_length=30, help_text=", ".join(PREDICATES))
    label = serializers.CharField(max_length=60, required=False, allow_blank=True)
    min = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    max = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    confirmed = serializers.BooleanField(default=False)
    source = serializers.CharField(max_length=60, required=False, allow_blank=True)

    def validate_category(self, value):
        if value not in PREDICATES:
            raise serializers.ValidationError(", ".join(PREDICATES))
        return value


class BracketSerializer(serializers.Serializer):
    min = serializers.IntegerField(min_value=0)
    max = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    points = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0)


class RulesUpdateSerializer(serializers.Serializer):
    min_divisor = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    min_divisor_confirmed = serializers.BooleanField(required=False)
    bands = BandSerializer(many=True, required=False, allow_empty=False)
    count_brackets = BracketSerializer(many=True, required=False, allow_empty=False)
    count_brackets_confirmed = serializers.BooleanField(required=False)


class ReloadSerializer(serializers.Serializer):
    edition = serializers.ChoiceField(choices=[(e, e) for e in yearly.EDITIONS])


class RulesView(APIView):
    """The cycle's rules: every signed-in user reads them; admins change them (PUT: what is
    given changes, the rest stays)."""

    permission_classes = [rule_permission(may_manage_iga, read=may_view_rules)]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, year):
        return Response(rules_dict(_cycle(year)))

    @extend_schema(request=RulesUpdateSerializer, responses={200: OpenApiTypes.OBJECT})
    def put(self, request, year):
        cycle = _cycle(year)
        body = RulesUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        for name in ("bands", "count_brackets"):
            if name in data:
                data[name] = [dict(row) for row in data[name]]
        rules_services.rules_update(cycle=cycle, by=request.user, **data)
        cycle.refresh_from_db()
        return Response(rules_dict(cycle))


class RulesReloadView(APIView):
    """Reset the cycle's rules to a shipped edition (admins); recorded levels stay."""

    permission_classes = [rule_permission(may_manage_iga)]

    @extend_schema(request=ReloadSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, year):
        cycle = _cycle(year)
        body = ReloadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        cycle = rules_services.rules_reload(
            cycle=cycle, edition=body.validated_data["edition"], by=request.user
        )
        return Response(rules_dict(cycle))


class IndicatorsView(CatalogueView):
    """The cycle's indicators of both parts; POST (admins) adds one the edition lacks."""

    @extend_schema(request=IndicatorCreateSerializer, responses={201: IndicatorSerializer})
    def post(self, request, year):
        cycle = _cycle(year)
        body = IndicatorCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        indicator = rules_services.indicator_create(
            cycle=cycle, row=dict(body.validated_data), by=request.user
        )
        return Response(IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)


class IndicatorDetailView(APIView):
    permission_classes = [rule_permission(may_manage_iga, read=may_view_rules)]

    def get_indicator(self):
        return get_object_or_404(
            Indicator, cycle__year=self.kwargs["year"], number=self.kwargs["number"]
        )

    @extend_schema(responses={200: IndicatorSerializer})
    def get(self, request, year, number):
        return Response(IndicatorSerializer(self.get_indicator()).data)

    @extend_schema(request=IndicatorUpdateSerializer, responses={200: IndicatorSerializer})
    def patch(self, request, year, number):
        indicator = self.get_indicator()
        body = IndicatorUpdateSerializer(data={**request.data, "number": number})
        body.is_valid(raise_exception=True)
        services.indicator_catalogue_update(
            cycle=indicator.cycle, rows=[dict(body.validated_data)], by=request.user
        )
        indicator.refresh_from_db()
        return Response(IndicatorSerializer(indicator).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, year, number):
        indicator = self.get_indicator()
        rules_services.indicator_delete(cycle=indicator.cycle, number=number, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


PLAN_PARAMETERS = [
    OpenApiParameter(
        "target", str, enum=PREDICATES, description="The band to reach (sangat_inovatif)."
    ),
    OpenApiParameter("limit", int, description="How many ranked actions to list (all)."),
]


def _target(request):
    target = request.query_params.get("target") or DEFAULT_TARGET
    if target not in PREDICATES:
        raise serializers.ValidationError({"target": [f"{target!r}: " + ", ".join(PREDICATES)]})
    return target


class PlanView(APIView):
    """What raises the cycle's index most per unit of effort, and the cheapest set of actions to
    the target band (region roles; candidates to report are those the user sees)."""

    permission_classes = [rule_permission(may_plan)]

    @extend_schema(parameters=PLAN_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request, year):
        cycle = _cycle(year)
        limit = request.query_params.get("limit")
        if limit is not None and not limit.isdigit():
            raise serializers.ValidationError({"limit": ["Give a whole number."]})
        plan = plan_for(cycle, request.user, target=_target(request))
        return Response(plan.as_dict(limit=int(limit) if limit else None))


class PlanExportView(APIView):
    permission_classes = [rule_permission(may_plan)]
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["xlsx", "csv"]),
            PLAN_PARAMETERS[0],
            DIALECT,
        ],
        responses=file_responses(XLSX, CSV, description="The plan."),
    )
    def get(self, request, year):
        cycle = _cycle(year)
        fmt = chosen_format(request, "iid_plan")
        return export_response(
            "iid_plan",
            fmt,
            cycle=cycle,
            user=request.user,
            year=cycle.year,
            predicate=_target(request),
            dialect=csv_dialect(request.query_params),
        )


class PublishedIndexSerializer(serializers.Serializer):
    """A year's published index. Not a ModelSerializer: posting a year again corrects it."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    index = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, coerce_to_string=False
    )
    predicate = serializers.ChoiceField(choices=Predicate.choices)
    source = serializers.CharField(max_length=300, required=False, allow_blank=True)


class HistoryView(APIView):
    """The published index per year beside the portal's estimate (region roles); admins record
    a year's published index (POST creates or corrects it)."""

    permission_classes = [rule_permission(may_manage_iga, read=may_view_history)]

    @extend_schema(operation_id="v1_reports_iid_history_list", responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response({"estimate": True, "years": [row.as_dict() for row in trend()]})

    @extend_schema(request=PublishedIndexSerializer, responses={201: PublishedIndexSerializer})
    def post(self, request):
        body = PublishedIndexSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        row = rules_services.published_index_save(by=request.user, **body.validated_data)
        return Response(PublishedIndexSerializer(row).data, status=status.HTTP_201_CREATED)


class HistoryDetailView(APIView):
    permission_classes = [rule_permission(may_manage_iga, read=may_view_history)]

    @extend_schema(responses={200: PublishedIndexSerializer})
    def get(self, request, year):
        return Response(PublishedIndexSerializer(get_object_or_404(PublishedIndex, year=year)).data)

    @extend_schema(request=PublishedIndexSerializer, responses={200: PublishedIndexSerializer})
    def put(self, request, year):
        body = PublishedIndexSerializer(data={**request.data, "year": year})
        body.is_valid(raise_exception=True)
        row = rules_services.published_index_save(by=request.user, **body.validated_data)
        return Response(PublishedIndexSerializer(row).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, year):
        get_object_or_404(PublishedIndex, year=year)
        rules_services.published_index_delete(year=year, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
