"""The IID readiness API: per-innovation levels, the cycle's report and export, the catalogue and
the IGA entries. Thin: reads go through `visible_to`, writes through `iga.services`."""

import rules
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from innovations.models import Cycle, Innovation
from innovations.uploads import ALLOWED_TYPES
from intan_banjar.api import FileFormatNegotiation
from intan_banjar.permissions import rule_permission
from intan_banjar.schema import CSV, XLSX, file_responses
from reports.api import chosen_format
from reports.downloads import DIALECT, csv_dialect, export_response

from . import services
from .estimate import candidates, region_estimate
from .evidence_files import region_evidence_response
from .exporters import REPORTED, SCOPES
from .models import IgaEntry, Indicator
from .readiness import catalogues, readiness_for, readiness_of, with_readiness
from .rules import may_edit_readiness, may_manage_iga, may_view_region
from .serializers import (
    ESTIMATE_NOTICE,
    IgaEntryCreateSerializer,
    IgaEntrySerializer,
    IgaEntryStatusSerializer,
    IndicatorSerializer,
    IndicatorUpdateSerializer,
    LevelsSerializer,
    readiness_dict,
    readiness_summary,
)
from .whatif import parse_what_if

WHAT_IF_PARAMETERS = [
    OpenApiParameter("exclude", int, many=True, description="Leave this entry out."),
    OpenApiParameter("add", int, many=True, description="Count this candidate as reported."),
    OpenApiParameter("raise", str, many=True, description="<number>[:<level>] for every entry."),
    OpenApiParameter("improve", str, many=True, description="<innovation>:<number>[:<level>]."),
    OpenApiParameter("region", str, many=True, description="<region number>[:<level>]."),
]


class InnovationIidView(APIView):
    """One innovation's readiness: GET for whoever sees it, PUT for unit staff, curators, admins."""

    def get_innovation(self):
        return get_object_or_404(
            Innovation.objects.visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def _respond(self, innovation):
        can_edit = bool(may_edit_readiness.test(self.request.user, innovation))
        return Response(readiness_dict(readiness_of(innovation), self.request, can_edit=can_edit))

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        return self._respond(self.get_innovation())

    @extend_schema(request=LevelsSerializer, responses={200: OpenApiTypes.OBJECT})
    def put(self, request, pk):
        """Set the levels listed in `levels` ([{number, level, note}]); others keep theirs."""
        innovation = self.get_innovation()
        if not may_edit_readiness.test(request.user, innovation):  # 403 before reading the body
            raise exceptions.PermissionDenied(_("You may not change this readiness."))
        body = LevelsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.indicator_levels_set(
            innovation=innovation,
            levels=[dict(row) for row in body.validated_data["levels"]],
            by=request.user,
        )
        return self._respond(innovation)


class IidReportView(APIView):
    """Per-innovation scores of the cycle's candidates; the regional figures for region roles.

    Unit staff get their own unit's innovations and `region: null`: the regional estimate and
    other units' scores are Bappedalitbang's working figures.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=WHAT_IF_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request, year):
        cycle = Cycle.objects.resolve(year)
        base = candidates(cycle, request.user)
        innovations = list(with_readiness(base.select_related("unit", "cycle").order_by("code")))
        # Scored with this cycle's rules, like the region figures (iga.readiness).
        readiness = readiness_for(innovations, catalogue=catalogues([cycle.pk])[cycle.pk])
        body = {
            "year": cycle.year,
            "estimate": True,
            "notice": str(ESTIMATE_NOTICE),
            "innovations": [
                {
                    **readiness_summary(readiness[i.pk]),
                    "reported": i.entered,
                    "imported": i.is_imported,
                }
                for i in innovations
            ],
            "region": None,
        }
        if may_view_region.test(request.user):
            estimate = region_estimate(cycle)
            body["region"] = estimate.as_dict()
            body["bands"] = cycle.iga_bands
            body["region_indicators"] = [
                {**row.as_dict(), "evidence_url": _evidence_url(cycle, row)}
                for row in estimate.region
            ]
            what_if = parse_what_if(request.query_params)
            if what_if:
                body["what_if"] = region_estimate(cycle, what_if=what_if, extra=base).as_dict()
        return Response(body)


def _evidence_url(cycle, row):
    """Where the region indicator's evidence file is downloaded; None without a file."""
    if row.record is None or not row.record.evidence_file:
        return None
    return reverse("iga-api:region-evidence", args=[cycle.year, row.number])


def export_scope(params):
    """The `scope` of the IID export: the reported innovations unless `candidates` is asked; an
    unknown value is a 400, never a silent fallback to a file with other rows."""
    scope = params.get("scope") or REPORTED
    if scope not in SCOPES:
        raise exceptions.ValidationError(
            {"scope": [_("Choose one of: %(formats)s.") % {"formats": ", ".join(SCOPES)}]}
        )
    return scope


class IidExportView(APIView):
    permission_classes = [IsAuthenticated]
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["xlsx", "csv"]),
            OpenApiParameter(
                "scope",
                str,
                enum=list(SCOPES),
                description="`reported` (default): the innovations marked as reported to the "
                "IGA, what is copied into Kemendagri's application; `candidates`: every "
                "candidate the user sees. Both have the column `Reported to the IGA`.",
            ),
            DIALECT,
        ],
        responses=file_responses(XLSX, CSV, description="The IID file."),
    )
    def get(self, request, year):
        cycle = Cycle.objects.resolve(year)
        fmt = chosen_format(request, "iid")
        return export_response(
            "iid",
            fmt,
            cycle=cycle,
            user=request.user,
            year=cycle.year,
            scope=export_scope(request.query_params),
            dialect=csv_dialect(request.query_params),
        )


class RegionEvidenceView(APIView):
    """The evidence file of one region indicator, for those who see the region's figures."""

    permission_classes = [rule_permission(may_view_region)]
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(responses=file_responses(*ALLOWED_TYPES, description="The evidence file."))
    def get(self, request, year, number):
        return region_evidence_response(Cycle.objects.resolve(year), number)


class CatalogueView(APIView):
    """The cycle's IID indicators: readable by every signed-in user, edited by admins (PUT)."""

    permission_classes = [rule_permission(may_manage_iga, read=rules.is_authenticated)]

    @extend_schema(responses={200: IndicatorSerializer(many=True)})
    def get(self, request, year):
        cycle = Cycle.objects.resolve(year)
        indicators = Indicator.objects.filter(cycle=cycle).order_by("number")
        return Response(IndicatorSerializer(indicators, many=True).data)

    @extend_schema(
        request=IndicatorUpdateSerializer(many=True),
        responses={200: IndicatorSerializer(many=True)},
    )
    def put(self, request, year):
        """Change the listed indicators (by number); the other ones and other cycles stay."""
        cycle = Cycle.objects.resolve(year)
        data = request.data.get("indicators") if isinstance(request.data, dict) else request.data
        body = IndicatorUpdateSerializer(data=data, many=True, allow_empty=False)
        body.is_valid(raise_exception=True)
        indicators = services.indicator_catalogue_update(
            cycle=cycle, rows=[dict(row) for row in body.validated_data], by=request.user
        )
        return Response(IndicatorSerializer(indicators, many=True).data)


class EntryListView(APIView):
    """The innovations marked as reported to the cycle's IGA (admins record them)."""

    permission_classes = [rule_permission(may_manage_iga, read=may_view_region)]

    @extend_schema(responses={200: IgaEntrySerializer(many=True)})
    def get(self, request, year):
        cycle = Cycle.objects.resolve(year)
        entries = IgaEntry.objects.filter(cycle=cycle).select_related(
            "cycle", "innovation", "reported_by"
        )
        return Response(IgaEntrySerializer(entries, many=True).data)

    @extend_schema(
        request=IgaEntryCreateSerializer,
        responses={
            201: IgaEntrySerializer,
            400: OpenApiResponse(description="Unconfirmed warnings: `confirm` and `warnings`."),
        },
    )
    def post(self, request, year):
        """Warnings (lower average, third entry, old implementation) need `"confirm": true`."""
        cycle = Cycle.objects.resolve(year)
        body = IgaEntryCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        innovation = get_object_or_404(
            candidates(cycle, request.user), pk=body.validated_data["innovation"]
        )
        entry = services.iga_entry_create(
            innovation=innovation,
            cycle=cycle,
            by=request.user,
            confirm=body.validated_data["confirm"],
        )
        return Response(IgaEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class EntryDetailView(APIView):
    permission_classes = [rule_permission(may_manage_iga, read=may_view_region)]

    def get_entry(self):
        return get_object_or_404(
            IgaEntry.objects.select_related("cycle", "innovation", "reported_by"),
            cycle__year=self.kwargs["year"],
            pk=self.kwargs["entry_id"],
        )

    @extend_schema(responses={200: IgaEntrySerializer})
    def get(self, request, year, entry_id):
        return Response(IgaEntrySerializer(self.get_entry()).data)

    @extend_schema(request=IgaEntryStatusSerializer, responses={200: IgaEntrySerializer})
    def patch(self, request, year, entry_id):
        entry = self.get_entry()
        body = IgaEntryStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.iga_entry_set_status(
            entry=entry, national_status=body.validated_data["national_status"], by=request.user
        )
        return Response(IgaEntrySerializer(entry).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, year, entry_id):
        entry = self.get_entry()
        services.iga_entry_delete(entry=entry, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
