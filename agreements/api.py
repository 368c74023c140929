"""Agreements and compliance API (API.md "Agreements and compliance")."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from innovations.models import Cycle
from intan_banjar.api import FileFormatNegotiation, Pagination
from intan_banjar.downloads import inline_pdf
from intan_banjar.parsers import JSONParser
from intan_banjar.permissions import rule_permission
from intan_banjar.schema import CSV, PDF, XLSX, file_responses
from reports.api import chosen_format
from reports.downloads import DIALECT, csv_dialect, export_response
from reports.exporters import formats_of
from reports.serializers import ExportJobSerializer
from reports.services import export_job_start

from . import services
from .compliance import compliance_rows, compliance_totals
from .documents import agreement_pdf, cycle_pdf, scan_response
from .filters import AgreementFilter
from .forms import ComplianceFilterForm
from .models import Agreement
from .rules import (
    can_prepare_agreement,
    can_print_all_agreements,
    can_view_compliance,
    may_prepare_for_any_unit,
)
from .serializers import (
    AgreementCreateSerializer,
    AgreementRejectSerializer,
    AgreementSerializer,
    AgreementSignSerializer,
    AgreementUpdateSerializer,
    ComplianceSerializer,
    compliance_rows_data,
)
from .workflow import may

PDF_DOCUMENT = file_responses(PDF, description="PDF document.")
PDF_SCAN = file_responses(PDF, description="The scan of the signed agreement (PDF).")
YEAR = OpenApiParameter("year", int, description="Cycle year (default: the current cycle).")


class AgreementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    search_fields = ["unit__name", "unit__code"]
    ordering_fields = ["created_at", "signed_at", "unit__name", "status"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return Agreement.objects.visible_to(self.request.user).for_list()

    def _reply(self, agreement, code=status.HTTP_200_OK):
        agreement = self.get_queryset().get(pk=agreement.pk)
        return Response(self.get_serializer(agreement).data, status=code)

    @extend_schema(request=AgreementCreateSerializer, responses={201: AgreementSerializer})
    def create(self, request):
        user = request.user
        # Refused before the body is read: a 403, not a 400 for an empty body.
        if not can_prepare_agreement(user, user.unit):
            raise exceptions.PermissionDenied(_("You may not prepare agreements."))
        serializer = AgreementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if may_prepare_for_any_unit(user):
            unit = data.get("unit")
            if unit is None:
                raise exceptions.ValidationError({"unit": [_("Choose the unit.")]})
        else:
            unit = user.unit  # unit staff always prepare their own unit's agreement
        agreement = services.agreement_create(
            unit=unit,
            cycle=data["year"],
            by=user,
            committed_count=data.get("committed_count"),
            planned_titles=data.get("planned_titles"),
        )
        return self._reply(agreement, status.HTTP_201_CREATED)

    def _agreement_for(self, action):
        """The agreement, refused (403) before its body is read if the user may not `action` it."""
        agreement = self.get_object()
        if not may(action, self.request.user, agreement):
            raise exceptions.PermissionDenied(_("You may not do this with this agreement."))
        return agreement

    @extend_schema(request=AgreementUpdateSerializer, responses={200: AgreementSerializer})
    def partial_update(self, request, pk=None):
        agreement = self._agreement_for("edit")
        serializer = AgreementUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.agreement_update(agreement=agreement, by=request.user, **serializer.validated_data)
        return self._reply(agreement)

    @extend_schema(request=AgreementSignSerializer, responses={200: AgreementSerializer})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        agreement = self._agreement_for("sign")
        serializer = AgreementSignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agreement_sign(agreement=agreement, by=request.user, **serializer.validated_data)
        return self._reply(agreement)

    @extend_schema(request=None, responses={200: AgreementSerializer})
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        agreement = self.get_object()
        services.agreement_verify(agreement=agreement, by=request.user)
        return self._reply(agreement)

    @extend_schema(request=AgreementRejectSerializer, responses={200: AgreementSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        agreement = self._agreement_for("reject")
        serializer = AgreementRejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agreement_reject(
            agreement=agreement, by=request.user, note=serializer.validated_data["note"]
        )
        return self._reply(agreement)

    @extend_schema(responses=PDF_DOCUMENT)
    @action(detail=True, methods=["get"], content_negotiation_class=FileFormatNegotiation)
    def document(self, request, pk=None):
        agreement = self.get_object()
        return inline_pdf(
            agreement_pdf(agreement),
            f"perjanjian-inovasi-{agreement.cycle.year}-{agreement.unit.code}.pdf",
        )

    # The document and the scan negotiate as files: a client asking for the PDF (`Accept:
    # application/pdf`, as the schema declares it) gets it, not DRF's 406 for a type no JSON
    # renderer offers.
    @extend_schema(responses=PDF_SCAN)
    @action(detail=True, methods=["get"], content_negotiation_class=FileFormatNegotiation)
    def scan(self, request, pk=None):
        """The scan the head uploaded when signing; 404 while the agreement has none."""
        return scan_response(self.get_object())


class CycleDocumentView(APIView):
    """Every unit's agreement of a cycle in one PDF, for the signing ceremony."""

    permission_classes = [rule_permission(can_print_all_agreements)]

    @extend_schema(
        operation_id="agreements_cycle_document", parameters=[YEAR], responses=PDF_DOCUMENT
    )
    def get(self, request):
        cycle = Cycle.objects.resolve(request.query_params.get("year"))
        return inline_pdf(cycle_pdf(cycle), f"perjanjian-inovasi-{cycle.year}.pdf")


class ComplianceView(APIView):
    permission_classes = [rule_permission(can_view_compliance)]

    @extend_schema(
        parameters=[
            YEAR,
            OpenApiParameter("unit_kind", str, description="Unit kind."),
            OpenApiParameter(
                "agreement_status", str, description="draft, signed, verified or none."
            ),
            OpenApiParameter("met", bool),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: ComplianceSerializer},
    )
    def get(self, request):
        cycle = Cycle.objects.resolve(request.query_params.get("year"))
        filters = ComplianceFilterForm.filters_of(request.query_params)
        rows = compliance_rows(cycle, user=request.user, **filters)
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        response = paginator.get_paginated_response(compliance_rows_data(page))
        response.data["year"] = cycle.year
        response.data["totals"] = compliance_totals(rows)
        return response


class ComplianceExportView(APIView):
    """The compliance table as a file, filtered like the table; large ones go to a worker."""

    permission_classes = [rule_permission(can_view_compliance)]
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format", str, enum=formats_of("compliance"), description="File format."
            ),
            OpenApiParameter("unit_kind", str),
            OpenApiParameter("agreement_status", str),
            OpenApiParameter("met", bool),
            DIALECT,
        ],
        responses={
            **file_responses(XLSX, CSV, PDF, description="XLSX, CSV or printable PDF file."),
            202: ExportJobSerializer,
        },
    )
    def get(self, request, year):
        cycle = Cycle.objects.resolve(year)
        fmt = chosen_format(request, "compliance")
        filters = ComplianceFilterForm.filters_of(request.query_params)
        rows = compliance_rows(cycle, user=request.user, **filters)
        if len(rows) > settings.EXPORT_SYNC_MAX_ROWS:
            fields = ComplianceFilterForm.base_fields
            asked = {k: v for k, v in request.query_params.items() if k in fields}
            job = export_job_start(
                user=request.user,
                kind="compliance",
                fmt=fmt,
                params={
                    "year": cycle.year,
                    "filters": asked,
                    "language": request.LANGUAGE_CODE,
                    "dialect": csv_dialect(request.query_params).name,
                },
            )
            return Response(ExportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
        return export_response(
            "compliance",
            fmt,
            rows=rows,
            year=cycle.year,
            filters=ComplianceFilterForm.described(request.query_params),
            dialect=csv_dialect(request.query_params),
        )
