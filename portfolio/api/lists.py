"""REST endpoints across innovations: monitoring owed, decrees and replications with their
exports, and each cycle's monitoring schedule."""

import rules
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import APIView

from innovations.models import Cycle, Innovation
from intan_banjar.api import FileFormatNegotiation
from intan_banjar.ordering import StableOrderingFilter
from intan_banjar.permissions import rule_permission
from intan_banjar.schema import CSV, XLSX, file_responses
from reports.api import chosen_format
from reports.downloads import DIALECT, csv_dialect, export_response

from ..enums import ObligationStatus
from ..files import validated
from ..filters import DecreeFilter, ObligationFilterForm, ReplicationFilter
from ..models import Decree, MonitoringSchedule, Replication
from ..monitoring import obligations
from ..rules import may_manage_schedule
from ..serializers import (
    DecreeSerializer,
    MonitoringScheduleSerializer,
    ObligationSerializer,
    ReplicationSerializer,
)

FORMAT = OpenApiParameter("format", str, enum=["xlsx", "csv"])


class ObligationListView(generics.ListAPIView):
    """Monitoring reports owed (due or overdue) by the innovations the user sees."""

    serializer_class = ObligationSerializer
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("unit", str),
            OpenApiParameter("status", str, enum=[ObligationStatus.DUE, ObligationStatus.OVERDUE]),
            OpenApiParameter(
                "state",
                str,
                enum=[ObligationStatus.DUE, ObligationStatus.OVERDUE],
                deprecated=True,
                description="Former name of `status`, read when `status` is absent.",
            ),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return owed(self.request)


def owed(request):
    form = ObligationFilterForm(request.query_params or None)
    if form.is_bound and not form.is_valid():
        raise exceptions.ValidationError(form.errors)
    cleaned = form.cleaned_data if form.is_bound else {}
    base = Innovation.objects.visible_to(request.user)
    if cleaned.get("unit"):
        base = base.filter(unit__code__iexact=cleaned["unit"])
    states = form.states() if form.is_bound else (ObligationStatus.DUE, ObligationStatus.OVERDUE)
    return obligations(base, states=states, year=cleaned.get("year"))


class Export(APIView):
    content_negotiation_class = FileFormatNegotiation
    report = ""

    def rows(self, request):
        raise NotImplementedError

    @extend_schema(
        parameters=[FORMAT, DIALECT], responses=file_responses(XLSX, CSV, description="The list.")
    )
    def get(self, request):
        fmt = chosen_format(request, self.report)
        dialect = csv_dialect(request.query_params)
        return export_response(self.report, fmt, queryset=self.rows(request), dialect=dialect)


class ObligationExportView(Export):
    report = "monitoring"

    def rows(self, request):
        return owed(request)


class DecreeRegionListView(generics.ListAPIView):
    """Decrees of the innovations the user sees; `state=expiring` lists those lapsing soon."""

    serializer_class = DecreeSerializer
    filterset_class = DecreeFilter
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    ordering_fields = ["valid_until", "issued_on"]

    def get_queryset(self):
        return (
            Decree.objects.visible_to(self.request.user)
            .for_list()
            .select_related("document")
            .order_by("valid_until", "id")
        )


def filtered(filterset_class, queryset, params):
    filterset = filterset_class(params, queryset=queryset)
    if not filterset.is_valid():
        raise exceptions.ValidationError(
            as_serializer_error(DjangoValidationError(filterset.errors))
        )
    return filterset.qs


class DecreeExportView(Export):
    report = "decrees"

    def rows(self, request):
        base = Decree.objects.visible_to(request.user).for_list()
        return filtered(DecreeFilter, base, request.query_params)


class ReplicationRegionListView(generics.ListAPIView):
    serializer_class = ReplicationSerializer
    filterset_class = ReplicationFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return (
            Replication.objects.visible_to(self.request.user)
            .for_list()
            .select_related("adopter_unit")
            .prefetch_related("evidence")
            .order_by("-replicated_on", "id")
        )


class ReplicationExportView(Export):
    report = "replications"

    def rows(self, request):
        base = Replication.objects.visible_to(request.user).for_list()
        return filtered(ReplicationFilter, base, request.query_params)


class ScheduleView(APIView):
    """A cycle's monitoring schedule: read by everyone signed in, set by administrators."""

    permission_classes = [rule_permission(may_manage_schedule, read=rules.is_authenticated)]

    def schedule(self):
        cycle = get_object_or_404(Cycle, year=self.kwargs["year"])
        return MonitoringSchedule.objects.filter(cycle=cycle).first() or MonitoringSchedule(
            cycle=cycle
        )

    @extend_schema(responses=MonitoringScheduleSerializer)
    def get(self, request, year):
        return Response(MonitoringScheduleSerializer(self.schedule()).data)

    @extend_schema(request=MonitoringScheduleSerializer, responses=MonitoringScheduleSerializer)
    def put(self, request, year):
        schedule = self.schedule()
        payload = MonitoringScheduleSerializer(schedule, data=request.data)
        payload.is_valid(raise_exception=True)
        for name, value in payload.validated_data.items():
            setattr(schedule, name, value)
        validated(schedule)
        schedule.save()
        return Response(MonitoringScheduleSerializer(schedule).data)
