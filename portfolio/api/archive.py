"""The legacy archive's import jobs (administrators) and the public side of the portfolio."""

import io

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from innovations import lineage
from innovations.public_api import public_innovations
from intan_banjar.api import FileFormatNegotiation
from intan_banjar.downloads import with_filename
from intan_banjar.parsers import JSONParser
from intan_banjar.permissions import rule_permission
from intan_banjar.schema import CSV, XLSX, file_responses
from reports.api import chosen_format
from reports.downloads import DIALECT, csv_dialect, export_response

from .. import legacy
from ..filters import ImportRowFilter
from ..legacy_template import template_csv, template_xlsx
from ..models import LegacyImport, LegacyImportRow, Replication
from ..rules import may_import_archive
from ..serializers import (
    LegacyImportRowSerializer,
    LegacyImportSerializer,
    LegacyImportUploadSerializer,
    PublicReplicationSerializer,
    PublicYearSerializer,
)
from .lists import FORMAT, Export, filtered


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
        parameters=[FORMAT, DIALECT],
        responses=file_responses(XLSX, CSV, description="The rows."),
    )
    def get(self, request, pk):
        fmt = chosen_format(request, self.report)
        job = get_object_or_404(LegacyImport, pk=pk)
        rows = filtered(ImportRowFilter, job.rows.all(), request.query_params)
        dialect = csv_dialect(request.query_params)
        return export_response(self.report, fmt, queryset=rows, dialect=dialect)


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
