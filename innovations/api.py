"""REST endpoints for cycles and innovations: thin; reads from `visible_to`, writes by service."""

import rules
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from intan_banjar.parsers import JSONParser
from intan_banjar.permissions import rule_permission
from intan_banjar.schema import file_responses

from . import evidence_services, services
from .cycle_services import cycle_create, cycle_update
from .filters import InnovationFilter
from .list_pages import api_rows
from .list_values import prepared_list_values
from .models import Cycle, Innovation
from .querysets import profile_lists
from .rules import (
    may_create_innovation,
    may_manage_cycles,
    may_record_lab_stage,
    may_see_scores,
    may_view_submitter_contact,
)
from .serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    CycleSerializer,
    HistorySerializer,
    InnovationSerializer,
    LabStageRecordSerializer,
    ProfileChangeSerializer,
    TransitionSerializer,
)
from .uploads import ALLOWED_TYPES, download_name, served_content_type
from .versions import profile_diff


class CycleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Every signed-in user reads the cycles; only admins create and change them."""

    serializer_class = CycleSerializer
    permission_classes = [rule_permission(may_manage_cycles, read=rules.is_authenticated)]
    lookup_field = "year"
    lookup_value_regex = r"\d{4}"
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_backends = []
    queryset = Cycle.objects.order_by("-year")

    def perform_create(self, serializer):
        serializer.instance = cycle_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = cycle_update(
            cycle=serializer.instance, by=self.request.user, **serializer.validated_data
        )


def _profile_kwargs(data):
    """Validated serializer data -> keyword arguments of the services."""
    data = dict(data)
    data.pop("cycle", None)
    data.pop("unit", None)
    for name in ("innovators", "partners"):
        if name in data:
            data[name] = [dict(row) for row in data[name]]
    if data.get("community_submitter") is not None:
        data["community_submitter"] = dict(data["community_submitter"])
    else:
        data.pop("community_submitter", None)
    return data


def _joined(innovation):
    """Whether the innovation's cycle and unit are loaded with it (no query to show them)."""
    return Innovation.cycle.is_cached(innovation) and (
        innovation.unit_id is None or Innovation.unit.is_cached(innovation)
    )


class InnovationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = InnovationSerializer
    filterset_class = InnovationFilter
    search_fields = ["title", "code", "summary"]
    ordering = ["-created_at", "-id"]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @property
    def ordering_fields(self):
        """Only fields this user may read: a unit's `?ordering=score` is ignored like any unknown
        field, so the order never reveals the hidden scores."""
        user = getattr(getattr(self, "request", None), "user", None)
        fields = ["created_at", "submitted_at", "title"]
        if user is not None and may_see_scores(user):
            fields.append("score")
        return fields

    def get_queryset(self):
        if self.action == "list":
            # The page's rows as values; the serializer reads their children (list_values.py).
            return prepared_list_values().visible_to(self.request.user)
        if self.action in ("transitions", "partial_update"):
            # The service re-reads the row under lock and the answer reads it again in full
            # (`_fresh`): here only whether the user sees it (a PATCH's validation reads the
            # body, not the innovation's lists).
            return Innovation.objects.visible_to(self.request.user)
        return self._readable()

    def _readable(self):
        """What an answer about one innovation reads: the profile, its lists, and the score
        for who sees it (a unit's staff never do: `get_score` answers null, no subquery)."""
        user = self.request.user
        return Innovation.objects.visible_to(user).for_list(score=may_see_scores(user))

    def filter_queryset(self, queryset):
        """A request about one innovation with no query string skips the filter backends: with
        nothing to filter, search or order by they change nothing `.get()` reads (it drops the
        default order), and building the filter set and its form cost about 0.5 ms of each
        detail GET, PATCH and transition. A query string still filters, as DRF does."""
        if self.action != "list" and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        rows = api_rows(
            request.user, request.query_params, lambda: self.filter_queryset(self.get_queryset())
        )
        if rows is None:
            return super().list(request, *args, **kwargs)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def perform_content_negotiation(self, request, force=False):
        # A download answers with the file whatever the client says it accepts.
        return super().perform_content_negotiation(
            request, force=force or self.action == "attachment_download"
        )

    def _fresh(self, innovation):
        return self._readable().filter(pk=innovation.pk).first() or innovation

    def _answered(self, innovation):
        """The innovation a write answers with: read again in full (`_fresh`), except for a
        unit's staff, who see neither the score nor a community submitter's contact (both
        answer null). For them the row the service returns is answered as it is, its cycle and
        unit in hand (the lock joins them; a create was given them) and only its lists read,
        unless the submission's snapshot has read them already: the same JSON (tested)."""
        user = self.request.user
        if may_see_scores(user) or may_view_submitter_contact(user) or not _joined(innovation):
            return self._fresh(innovation)
        # Never shown to this reader (`to_representation`): not read either.
        Innovation.community_submitter.related.set_cached_value(innovation, None)
        read = getattr(innovation, "_prefetched_objects_cache", {})
        prefetch_related_objects(
            [innovation],
            *(
                lookup
                for lookup in profile_lists()
                if getattr(lookup, "prefetch_to", lookup) not in read
            ),
        )
        return innovation

    def _respond(self, innovation, status_code=status.HTTP_200_OK):
        serializer = self.get_serializer(self._answered(innovation))
        return Response(serializer.data, status=status_code)

    def create(self, request, *args, **kwargs):
        # A role that may never create is told so before its body is read (403, not 400).
        if not may_create_innovation(request.user):
            raise PermissionDenied(_("Your role cannot create innovations."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        year = data.get("cycle", {}).get("year")
        # The year's cycle, as validating the year read it; the current one without a year.
        cycle = serializer.year_cycle if year else Cycle.objects.current()
        if cycle is None:
            raise DRFValidationError({"year": ["There is no cycle yet."]})
        innovation = services.innovation_create(
            by=request.user, cycle=cycle, unit=data.get("unit"), **_profile_kwargs(data)
        )
        return self._respond(innovation, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            return self.http_method_not_allowed(request, *args, **kwargs)
        innovation = self.get_object()
        serializer = self.get_serializer(innovation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        innovation = services.innovation_update(
            innovation=innovation, by=request.user, **_profile_kwargs(serializer.validated_data)
        )
        return self._respond(innovation)

    @extend_schema(request=TransitionSerializer, responses={200: InnovationSerializer})
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None):
        innovation = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        innovation = services.innovation_transition(
            innovation=innovation,
            action=serializer.validated_data["action"],
            note=serializer.validated_data["note"],
            by=request.user,
        )
        return self._respond(innovation)

    @extend_schema(responses={200: HistorySerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        innovation = self.get_object()
        entries = innovation.history.select_related("actor").order_by("at", "id")
        context = self.get_serializer_context()
        return Response(HistorySerializer(entries, many=True, context=context).data)

    @extend_schema(responses={200: ProfileChangeSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def changes(self, request, pk=None):
        """What changed between the last two submitted versions of the profile."""
        innovation = self.get_object()
        return Response(ProfileChangeSerializer(profile_diff(innovation), many=True).data)

    @extend_schema(
        methods=["GET"], responses={200: LabStageRecordSerializer(many=True)}, request=None
    )
    @extend_schema(
        methods=["POST"],
        request=LabStageRecordSerializer,
        responses={200: InnovationSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="lab-stages",
        pagination_class=None,
        filter_backends=[],
    )
    def lab_stages(self, request, pk=None):
        innovation = self.get_object()
        if request.method == "GET":
            records = innovation.stage_records.select_related("recorded_by")
            return Response(LabStageRecordSerializer(records, many=True).data)
        if not may_record_lab_stage(request.user, innovation):  # 403 before reading the body
            raise PermissionDenied(_("Only the innovation's own unit can record its progress."))
        serializer = LabStageRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        innovation = evidence_services.innovation_set_lab_stage(
            innovation=innovation,
            stage=data["stage"],
            reached_on=data.get("reached_on"),
            note=data.get("note", ""),
            by=request.user,
        )
        return self._respond(innovation)

    @extend_schema(methods=["GET"], responses={200: AttachmentSerializer(many=True)}, request=None)
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer, 413: OpenApiResponse(description="Too large")},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def attachments(self, request, pk=None):
        innovation = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            items = innovation.attachments.all()
            return Response(AttachmentSerializer(items, many=True, context=context).data)
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        attachment = evidence_services.attachment_add(
            innovation=innovation,
            by=request.user,
            file=data["file"],
            kind=data["kind"],
            indicator=data.get("indicator"),
            lab_stage=data.get("lab_stage", ""),
        )
        return Response(
            AttachmentSerializer(attachment, context=context).data, status=status.HTTP_201_CREATED
        )

    def _attachment(self, attachment_id):
        innovation = self.get_object()
        attachment = innovation.attachments.filter(pk=attachment_id).first()
        if attachment is None:
            raise Http404
        attachment.innovation = innovation
        return attachment

    @extend_schema(request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"attachments/(?P<attachment_id>\d+)",
        filter_backends=[],
    )
    def attachment_delete(self, request, pk=None, attachment_id=None):
        attachment = self._attachment(attachment_id)
        evidence_services.attachment_delete(attachment=attachment, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=file_responses(*ALLOWED_TYPES, description="The file."))
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachment_id>\d+)/download",
        filter_backends=[],
    )
    def attachment_download(self, request, pk=None, attachment_id=None):
        """The file itself, to whoever may see the innovation; never a public media URL."""
        attachment = self._attachment(attachment_id)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        # FileResponse encodes the name with Django's content_disposition_header.
        return FileResponse(
            handle,
            as_attachment=True,
            filename=download_name(attachment.filename, attachment.content_type),
            content_type=served_content_type(attachment.content_type),
        )
