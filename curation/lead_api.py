"""REST endpoints of the lead curator's tools: decision note templates, publishing the held
decisions of a cycle, and proposing (or making) curator assignments. Thin, like `curation.api`.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from innovations.models import Cycle
from innovations.publishing import decisions_publish
from innovations.rules import may_publish_decisions

from . import auto_assign
from .api import require_curation_staff
from .models import NoteTemplate
from .note_templates import note_template_delete, note_template_save
from .queue import QueueFilter, queue_queryset
from .rules import may_assign, may_keep_note_templates
from .serializers import (
    AutoAssignRequestSerializer,
    AutoAssignSerializer,
    NoteTemplateSerializer,
    PublicationSerializer,
)


def require_keeper(user):
    """403 before any 400: only lead curators and admins keep note templates."""
    require_curation_staff(user)
    if not may_keep_note_templates(user):
        raise PermissionDenied(
            _("Only a lead curator or an administrator can keep note templates.")
        )


class NoteTemplatesView(APIView):
    """Decision note templates: curation staff read them, lead curators and admins add them."""

    pagination_class = None

    @extend_schema(responses={200: NoteTemplateSerializer(many=True)})
    def get(self, request):
        require_curation_staff(request.user)
        templates = NoteTemplate.objects.select_related("created_by")
        action = request.query_params.get("action")
        if action:
            templates = templates.for_decision(action)
        return Response(NoteTemplateSerializer(templates, many=True).data)

    @extend_schema(request=NoteTemplateSerializer, responses={201: NoteTemplateSerializer})
    def post(self, request):
        require_keeper(request.user)
        body = NoteTemplateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        template = note_template_save(by=request.user, **body.validated_data)
        return Response(NoteTemplateSerializer(template).data, status=status.HTTP_201_CREATED)


class NoteTemplateView(APIView):
    """One template: changed (PATCH) or deleted by lead curators and admins."""

    def get_object(self):
        return get_object_or_404(NoteTemplate, pk=self.kwargs["template_id"])

    @extend_schema(request=NoteTemplateSerializer, responses={200: NoteTemplateSerializer})
    def patch(self, request, template_id):
        require_keeper(request.user)
        template = self.get_object()
        body = NoteTemplateSerializer(template, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        values = {
            name: body.validated_data.get(name, getattr(template, name))
            for name in ("action", "title", "body")
        }
        template = note_template_save(by=request.user, template=template, **values)
        return Response(NoteTemplateSerializer(template).data)

    @extend_schema(responses={204: None})
    def delete(self, request, template_id):
        require_keeper(request.user)
        note_template_delete(by=request.user, template=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class PublishDecisionsView(APIView):
    """Publish the cycle's held decisions in one step (lead curators and admins)."""

    @extend_schema(request=None, responses={200: PublicationSerializer})
    def post(self, request, year):
        require_curation_staff(request.user)
        if not may_publish_decisions(request.user):
            raise PermissionDenied(
                _("Only a lead curator or an administrator can publish decisions.")
            )
        cycle = Cycle.objects.resolve(year)
        result = decisions_publish(cycle=cycle, by=request.user)
        return Response(
            PublicationSerializer(
                {
                    "publication": result.publication.pk if result.publication else None,
                    "published": [
                        {"id": i.pk, "code": i.code, "status": i.status} for i in result.published
                    ],
                    "refused": [
                        {"id": i.pk, "code": i.code, "reason": reason}
                        for i, reason in result.refused
                    ],
                }
            ).data
        )


class AutoAssignView(APIView):
    """Propose (and, with `apply`, create) k curators per innovation of the filtered queue."""

    @extend_schema(request=AutoAssignRequestSerializer, responses={200: AutoAssignSerializer})
    def post(self, request):
        require_curation_staff(request.user)
        if not may_assign(request.user):
            raise PermissionDenied(
                _("Only a lead curator or an administrator can assign curators.")
            )
        body = AutoAssignRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        cycle = Cycle.objects.resolve(data.get("year"))
        queryset = queue_queryset(request.user, cycle=cycle)
        filters = {k: v for k, v in data["filters"].items() if k != "ordering"}
        innovations = list(QueueFilter(filters, queryset=queryset, request=request).qs)
        proposal = auto_assign.propose(innovations=innovations, k=data["k"], by=request.user)
        if data["apply"]:
            auto_assign.apply(proposal=proposal, by=request.user)
        return Response(
            AutoAssignSerializer(
                {
                    "applied": data["apply"],
                    "proposal": [
                        {"id": i.pk, "code": i.code, "curators": [c.email for c in chosen]}
                        for i, chosen in proposal.rows
                    ],
                    "short": [
                        {"id": i.pk, "code": i.code, "curators": []} for i, _n in proposal.short
                    ],
                }
            ).data
        )
