"""REST endpoints across innovations: monitoring owed, decrees and replications with their
exports, each cycle's monitoring schedule, the legacy archive's import jobs and the public side
(an innovation's years and replications in the catalogue)."""

import io

import rules
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import APIView

from innovations import lineage
from innovations.models import Cycle, Innovation
from innovations.public_api import public_innovations
from intan_banjar.api import FileFormatNegotiation
from intan_banjar.downloads import with_filename
from intan_banjar.parsers import JSONParser
from intan_banjar.permissions import rule_permission
from intan_banjar.schema import CSV, XLSX, file_responses
from reports.api import chosen_format
from reports.downloads import export_response

from . import legacy
from .enums import ObligationStatus
from .files import validated
from .filters import DecreeFilter, ImportRowFilter, ObligationFilterForm, ReplicationFilter
from .legacy_template import template_csv, template_xlsx
from .models import Decree, LegacyImport, LegacyImportRow, MonitoringSchedule, Replication
from .monitoring import obligations
from .rules import may_import_archive, may_manage_schedule
from .serializers import (
    DecreeSerializer,
    LegacyImportRowSerializer,
    LegacyImportSerializer,
    LegacyImportUploadSerializer,
    MonitoringScheduleSerializer,
    ObligationSerializer,
    PublicReplicationSerializer,
    PublicYearSerializer,
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
            OpenApiParameter("state", str, enum=[ObligationStatus.DUE, ObligationStatus.OVERDUE]),
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
        parameters=[FORMAT], responses=file_responses(XLSX, CSV, description="The list.")
    )
    def get(self, request):
        fmt = chosen_format(request, self.report)
        return export_response(self.report, fmt, queryset=self.rows(request))


class ObligationExportView(Export):
    report = "monitoring"

    def rows(self, request):
        return owed(request)


class DecreeRegionListView(generics.ListAPIView):
    """Decrees of the innovations the user sees; `state=expiring` lists those lapsing soon."""

    serializer_class = DecreeSerializer
    filterset_class = DecreeFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["valid_until", "issued_on"]

    def get_queryset(self):
        return (
            Decree.objects.visible_to(self.request.user)
            .for_list()
            .select_related("document")
            .order_by("valid_until", "id")
        )


def _filtered(filterset_class, queryset, params):
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
        return _filtered(DecreeFilter, base, request.query_params)


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
        return _filtered(ReplicationFilter, base, request.query_params)


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


class LegacyImportListView(generics.ListCreateAPIView):
    """Import jobs of the legacy archive (administrators). POST a file: its dry run starts."""

    serializer_class = LegacyImportSerializer
    permission_classes = [rule_permission(may_import_archive)]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends = []

    def get_queryset(self):
        return LegacyImport.objects.select_related("created_by").order_by("-created_at", "-id")

    @extend_schema(
        request={"multipart/form-data": LegacyImportUploadSerializer},
        responses={202: LegacyImportSerializer},
    )
    def post(self, request, *args, **kwargs):
        upload = LegacyImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        job = legacy.legacy_import_preview(
            file=upload.validated_data["file"], by=request.user, language=request.LANGUAGE_CODE
        )
        job.refresh_from_db()
        return Response(LegacyImportSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class LegacyImportDetailView(generics.RetrieveAPIView):
    serializer_class = LegacyImportSerializer
    permission_classes = [rule_permission(may_import_archive)]
    queryset = LegacyImport.objects.select_related("created_by")


class LegacyImportRunView(APIView):
    permission_classes = [rule_permission(may_import_archive)]

    @extend_schema(request=None, responses={202: LegacyImportSerializer})
    def post(self, request, pk):
        """Import the file of a finished dry run (once): a new job."""
        preview = get_object_or_404(LegacyImport, pk=pk)
        job = legacy.legacy_import_start(
            preview=preview, by=request.user, language=request.LANGUAGE_CODE
        )
        job.refresh_from_db()
        return Response(LegacyImportSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class LegacyImportRowsView(generics.ListAPIView):
    """Every row of a job with its outcome (new, already imported, refused) and reasons."""

    serializer_class = LegacyImportRowSerializer
    permission_classes = [rule_permission(may_import_archive)]
    filterset_class = ImportRowFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return LegacyImportRow.objects.none()
        job = get_object_or_404(LegacyImport, pk=self.kwargs["pk"])
        return job.rows.order_by("number")


class LegacyImportRowsExportView(Export):
    permission_classes = [rule_permission(may_import_archive)]
    report = "legacy-import"

    @extend_schema(
        parameters=[FORMAT], responses=file_responses(XLSX, CSV, description="The rows.")
    )
    def get(self, request, pk):
        fmt = chosen_format(request, self.report)
        job = get_object_or_404(LegacyImport, pk=pk)
        rows = _filtered(ImportRowFilter, job.rows.all(), request.query_params)
        return export_response(self.report, fmt, queryset=rows)


class LegacyTemplateView(APIView):
    """The documented columns of the legacy archive as an empty template with an example row."""

    permission_classes = [rule_permission(may_import_archive)]
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        parameters=[FORMAT], responses=file_responses(XLSX, CSV, description="Template.")
    )
    def get(self, request):
        fmt = request.query_params.get("format", "xlsx")
        if fmt not in ("xlsx", "csv"):
            raise exceptions.ValidationError(
                {"format": [_("Choose one of: %(formats)s.") % {"formats": "csv, xlsx"}]}
            )
        if fmt == "csv":
            response = StreamingHttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        else:
            buffer = io.BytesIO()
            template_xlsx(buffer)
            response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        return with_filename(response, f"template-arsip-inovasi.{fmt}")


def _public(code):
    return get_object_or_404(public_innovations(), code=code)


class PublicYearsView(APIView):
    """The launched entries of a public innovation's lineage, oldest first (no login)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(responses=PublicYearSerializer(many=True))
    def get(self, request, code):
        innovation = _public(code)
        years = lineage.lineage(innovation, visible=public_innovations())
        return Response(PublicYearSerializer(years, many=True).data)


class PublicReplicationsView(APIView):
    """Who replicated a public innovation (no login)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(responses=PublicReplicationSerializer(many=True))
    def get(self, request, code):
        innovation = _public(code)
        items = Replication.objects.filter(innovation=innovation).select_related("adopter_unit")
        return Response(PublicReplicationSerializer(items, many=True).data)
