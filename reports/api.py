"""Launch events, the launch report and exports: thin views over reports.launch and exporters."""

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from innovations.enums import Status
from innovations.filters import innovations_filtered
from innovations.models import Cycle, Innovation
from intan_banjar.api import FileFormatNegotiation
from intan_banjar.permissions import rule_permission
from intan_banjar.schema import CSV, PDF, XLSX, file_responses

from . import launch, launch_json, services
from .downloads import DIALECT, csv_dialect, export_response
from .exporters import formats_of
from .models import ExportJob, LaunchEvent
from .rows import innovation_filters
from .rules import may_export_reviews, may_manage_launch, may_view_reports
from .serializers import (
    ExportJobSerializer,
    LaunchAddResultSerializer,
    LaunchAddSerializer,
    LaunchEventSerializer,
    LaunchReportSerializer,
)


def include_approved(request):
    """`?include=approved` or nothing: any other value is a 400, never a silent "no"."""
    return launch.include_approved(request.query_params.get("include"))


def chosen_format(request, report):
    fmt = request.query_params.get("format", "xlsx")
    if fmt not in formats_of(report):
        raise exceptions.ValidationError(
            {
                "format": [
                    _("Choose one of: %(formats)s.") % {"formats": ", ".join(formats_of(report))}
                ]
            }
        )
    return fmt


class LaunchEventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    # Ids are integers: anything else must be a 404, not a ValueError in the lookup.
    lookup_value_regex = r"\d+"
    serializer_class = LaunchEventSerializer
    permission_classes = [rule_permission(may_manage_launch, read=may_view_reports)]

    def get_queryset(self):
        return (
            LaunchEvent.objects.select_related("cycle")
            .annotate(
                innovations_launched=Count(
                    "cycle__innovations", filter=Q(cycle__innovations__status=Status.LAUNCHED)
                )
            )
            .order_by("-date", "pk")
        )  # an aggregate drops Meta.ordering: pages must be stable

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.launch_event_create(
            cycle=data["cycle"],
            name=data["name"],
            date=data["date"],
            venue=data.get("venue", ""),
            by=self.request.user,
        )

    @extend_schema(request=LaunchAddSerializer, responses=LaunchAddResultSerializer)
    @action(detail=True, methods=["post"], url_path="innovations")
    def innovations(self, request, pk=None):
        event = self.get_object()
        payload = LaunchAddSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = services.launch_event_add_innovations(
            event=event, innovation_ids=payload.validated_data["innovations"], by=request.user
        )
        return Response(result)


class LaunchReportView(APIView):
    permission_classes = [rule_permission(may_view_reports)]

    @extend_schema(
        parameters=[OpenApiParameter("include", str, enum=["approved"])],
        responses=LaunchReportSerializer,
    )
    def get(self, request, year):
        cycle = Cycle.objects.resolve(year)
        approved = include_approved(request)
        if launch_json.available(request.user) and request.accepted_renderer.format == "json":
            body = launch_json.report_json(
                cycle=cycle, user=request.user, include_approved=approved
            )
            return HttpResponse(body, content_type="application/json")
        body = launch.report_body(cycle=cycle, user=request.user, include_approved=approved)
        return Response(body)


class LaunchReportExportView(APIView):
    permission_classes = [rule_permission(may_view_reports)]
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["xlsx", "csv", "pdf"]),
            OpenApiParameter("include", str, enum=["approved"]),
            DIALECT,
        ],
        responses=file_responses(XLSX, CSV, PDF, description="The report file."),
    )
    def get(self, request, year):
        cycle = Cycle.objects.resolve(year)
        fmt = chosen_format(request, "launch")
        return export_response(
            "launch",
            fmt,
            cycle=cycle,
            user=request.user,
            year=cycle.year,
            include_approved=include_approved(request),
            dialect=csv_dialect(request.query_params),
        )


class ReviewExportView(APIView):
    """Every review and score of a cycle: for curators and admins, never for units."""

    permission_classes = [rule_permission(may_export_reviews)]
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["xlsx", "csv"]), DIALECT],
        responses=file_responses(XLSX, CSV, description="Reviews and scores."),
    )
    def get(self, request, year):
        cycle = Cycle.objects.resolve(year)
        fmt = chosen_format(request, "reviews")
        return export_response(
            "reviews",
            fmt,
            cycle=cycle,
            user=request.user,
            year=cycle.year,
            dialect=csv_dialect(request.query_params),
        )


class InnovationExportView(APIView):
    """The innovation list as a file, filtered like the list; large ones go to a worker."""

    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["xlsx", "csv"]), DIALECT],
        responses={
            **file_responses(XLSX, CSV, description="The file."),
            202: ExportJobSerializer,
        },
    )
    def get(self, request):
        fmt = chosen_format(request, "innovations")
        fixed = ("format", "page", "dialect")
        filters = {k: v for k, v in request.query_params.items() if k not in fixed}
        queryset, cleaned = export_queryset(request.user, filters)
        dialect = csv_dialect(request.query_params)
        if queryset.count() > settings.EXPORT_SYNC_MAX_ROWS:
            job = services.export_job_start(
                user=request.user,
                kind="innovations",
                fmt=fmt,
                params={
                    "filters": filters,
                    "language": request.LANGUAGE_CODE,
                    "dialect": dialect.name,
                },
            )
            return Response(ExportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
        return export_response(
            "innovations",
            fmt,
            queryset=queryset,
            year=cleaned.get("year"),
            filters=innovation_filters(filters),
            dialect=dialect,
        )


def export_queryset(user, filters):
    """The list API's filters and search, validated like the list: (queryset, cleaned values)."""
    return innovations_filtered(Innovation.objects.visible_to(user), filters)


class ExportJobView(APIView):
    @extend_schema(responses=ExportJobSerializer)
    def get(self, request, token):
        job = get_object_or_404(ExportJob, token=token, user=request.user)
        return Response(ExportJobSerializer(job).data)
