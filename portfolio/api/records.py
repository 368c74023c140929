"""An innovation's decrees, monitoring reports and replications."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from .. import decrees, monitoring, replications
from ..models import Decree, MonitoringReport, Replication
from ..rules import may_record_portfolio
from ..serializers import (
    DecreeSerializer,
    DecreeWriteSerializer,
    MonitoringFileSerializer,
    MonitoringReportSerializer,
    MonitoringReportWriteSerializer,
    ReplicationSerializer,
    ReplicationWriteSerializer,
    SchedulePeriodSerializer,
)
from . import InnovationScoped, body


class DecreeListView(InnovationScoped):
    @extend_schema(responses=DecreeSerializer(many=True))
    def get(self, request, pk):
        innovation = self.innovation()
        items = Decree.objects.filter(innovation=innovation).select_related(
            "document", "innovation__unit"
        )
        return Response(DecreeSerializer(items, many=True, context={"request": request}).data)

    @extend_schema(
        request={
            "multipart/form-data": DecreeWriteSerializer,
            "application/json": DecreeWriteSerializer,
        },
        responses={201: DecreeSerializer, 413: OpenApiResponse(description="Too large")},
    )
    def post(self, request, pk):
        """Record a decree (SK), with its scanned document (`document`, multipart)."""
        innovation = self.innovation()
        self.require(
            may_record_portfolio,
            innovation,
            _("Only the innovation's own unit can record its decrees."),
        )
        payload = DecreeWriteSerializer(data=body(request))
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        document = fields.pop("document", None)
        decree = decrees.decree_create(
            innovation=innovation, by=request.user, document=document, **fields
        )
        data = DecreeSerializer(decree, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class DecreeDetailView(InnovationScoped):
    def decree(self):
        innovation = self.innovation()
        decree = get_object_or_404(
            Decree.objects.select_related("document"),
            innovation=innovation,
            pk=self.kwargs["decree_id"],
        )
        decree.innovation = innovation
        return decree

    @extend_schema(responses=DecreeSerializer)
    def get(self, request, pk, decree_id):
        return Response(DecreeSerializer(self.decree(), context={"request": request}).data)

    @extend_schema(
        request={
            "multipart/form-data": DecreeWriteSerializer(partial=True),
            "application/json": DecreeWriteSerializer(partial=True),
        },
        responses=DecreeSerializer,
    )
    def patch(self, request, pk, decree_id):
        decree = self.decree()
        self.require(
            may_record_portfolio,
            decree.innovation,
            _("Only the innovation's own unit can record its decrees."),
        )
        payload = DecreeWriteSerializer(data=body(request), partial=True)
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        document = fields.pop("document", None)
        decree = decrees.decree_update(decree=decree, by=request.user, document=document, **fields)
        return Response(DecreeSerializer(decree, context={"request": request}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk, decree_id):
        decree = self.decree()
        self.require(
            may_record_portfolio,
            decree.innovation,
            _("Only the innovation's own unit can record its decrees."),
        )
        decrees.decree_delete(decree=decree, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MonitoringView(InnovationScoped):
    @extend_schema(responses=SchedulePeriodSerializer(many=True))
    def get(self, request, pk):
        """The innovation's monitoring periods with their status and report (launched only)."""
        rows = monitoring.innovation_schedule(self.innovation())
        return Response(
            SchedulePeriodSerializer(rows, many=True, context={"request": request}).data
        )

    @extend_schema(
        request={
            "multipart/form-data": MonitoringFileSerializer,
            "application/json": MonitoringFileSerializer,
        },
        responses={200: MonitoringReportSerializer, 201: MonitoringReportSerializer},
    )
    def post(self, request, pk):
        """File the report of `period` (201), or correct the one already filed (200)."""
        innovation = self.innovation()
        self.require(
            may_record_portfolio,
            innovation,
            _("Only the innovation's own unit can file its monitoring reports."),
        )
        payload = MonitoringFileSerializer(data=body(request, files=("files",)))
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        period = fields.pop("period")
        report, created = monitoring.monitoring_report_save(
            innovation=innovation,
            period=period,
            by=request.user,
            files=fields.pop("files", []),
            **fields,
        )
        data = MonitoringReportSerializer(report, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class MonitoringReportView(InnovationScoped):
    def report(self):
        innovation = self.innovation()
        report = get_object_or_404(
            MonitoringReport.objects.prefetch_related("evidence"),
            innovation=innovation,
            period=self.kwargs["period"],
        )
        report.innovation = innovation
        return report

    @extend_schema(responses=MonitoringReportSerializer)
    def get(self, request, pk, period):
        return Response(
            MonitoringReportSerializer(self.report(), context={"request": request}).data
        )

    @extend_schema(
        request={
            "multipart/form-data": MonitoringReportWriteSerializer,
            "application/json": MonitoringReportWriteSerializer,
        },
        responses=MonitoringReportSerializer,
    )
    def patch(self, request, pk, period):
        report = self.report()
        self.require(
            may_record_portfolio,
            report.innovation,
            _("Only the innovation's own unit can file its monitoring reports."),
        )
        payload = MonitoringReportWriteSerializer(
            data=body(request, files=("files",)), partial=True
        )
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        report, _created = monitoring.monitoring_report_save(
            innovation=report.innovation,
            period=report.period,
            by=request.user,
            files=fields.pop("files", []),
            **fields,
        )
        return Response(MonitoringReportSerializer(report, context={"request": request}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk, period):
        report = self.report()
        self.require(
            may_record_portfolio,
            report.innovation,
            _("Only the innovation's own unit can remove its monitoring reports."),
        )
        monitoring.monitoring_report_delete(report=report, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReplicationListView(InnovationScoped):
    @extend_schema(responses=ReplicationSerializer(many=True))
    def get(self, request, pk):
        innovation = self.innovation()
        items = (
            Replication.objects.filter(innovation=innovation)
            .select_related("adopter_unit", "innovation__unit")
            .prefetch_related("evidence")
        )
        return Response(ReplicationSerializer(items, many=True, context={"request": request}).data)

    @extend_schema(
        request={
            "multipart/form-data": ReplicationWriteSerializer,
            "application/json": ReplicationWriteSerializer,
        },
        responses={201: ReplicationSerializer},
    )
    def post(self, request, pk):
        """Record who replicated the innovation: `adopter_unit` (a unit of Banjar, by code) or
        `region_name` and `region_code` (another region), with evidence `files`."""
        innovation = self.innovation()
        self.require(
            may_record_portfolio,
            innovation,
            _("Only the innovation's own unit can record its replications."),
        )
        payload = ReplicationWriteSerializer(data=body(request, files=("files",)))
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        replication = replications.replication_create(
            innovation=innovation, by=request.user, files=fields.pop("files", []), **fields
        )
        data = ReplicationSerializer(replication, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class ReplicationDetailView(InnovationScoped):
    def replication(self):
        innovation = self.innovation()
        replication = get_object_or_404(
            Replication.objects.select_related("adopter_unit").prefetch_related("evidence"),
            innovation=innovation,
            pk=self.kwargs["replication_id"],
        )
        replication.innovation = innovation
        return replication

    @extend_schema(responses=ReplicationSerializer)
    def get(self, request, pk, replication_id):
        return Response(
            ReplicationSerializer(self.replication(), context={"request": request}).data
        )

    @extend_schema(
        request={
            "multipart/form-data": ReplicationWriteSerializer(partial=True),
            "application/json": ReplicationWriteSerializer(partial=True),
        },
        responses=ReplicationSerializer,
    )
    def patch(self, request, pk, replication_id):
        replication = self.replication()
        self.require(
            may_record_portfolio,
            replication.innovation,
            _("Only the innovation's own unit can record its replications."),
        )
        payload = ReplicationWriteSerializer(data=body(request, files=("files",)), partial=True)
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        replication = replications.replication_update(
            replication=replication, by=request.user, files=fields.pop("files", []), **fields
        )
        return Response(ReplicationSerializer(replication, context={"request": request}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk, replication_id):
        replication = self.replication()
        self.require(
            may_record_portfolio,
            replication.innovation,
            _("Only the innovation's own unit can record its replications."),
        )
        replications.replication_delete(replication=replication, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
