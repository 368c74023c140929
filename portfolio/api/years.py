"""An innovation's years: its lineage, continuing it into the open cycle, reusing evidence."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from innovations import lineage
from innovations.models import Innovation
from innovations.rules import is_innovation_owner
from innovations.serializers import AttachmentSerializer, InnovationSerializer

from .. import continuation
from ..rules import may_continue, may_see_lineage_changes
from ..serializers import LineageSerializer, ReusableEvidenceSerializer, ReuseSerializer
from . import InnovationScoped, body


class LineageView(InnovationScoped):
    """The innovation's years (oldest first), whether it can be continued into the open cycle,
    and what changed since the previous year's approved profile."""

    @extend_schema(responses=LineageSerializer)
    def get(self, request, pk):
        innovation = self.innovation()
        user = request.user
        cycle, reason = (None, _("Only the innovation's own unit can continue it."))
        if may_continue(user, innovation):
            cycle, reason = continuation.continuation_target(innovation, user)
        previous, changes = (None, [])
        if may_see_lineage_changes(user, innovation):
            previous, changes = continuation.changes_since_approved(innovation)
        data = {
            "years": lineage.lineage(innovation, visible=Innovation.objects.visible_to(user)),
            "continuation": {
                "possible": cycle is not None,
                "year": cycle.year if cycle else None,
                "reason": reason,
            },
            "previous_approved": previous,
            "changes": changes,
        }
        return Response(LineageSerializer(data).data)


class ContinueView(InnovationScoped):
    @extend_schema(request=None, responses={201: InnovationSerializer})
    def post(self, request, pk):
        """This year's entry of the innovation, as a draft prefilled from its newest year."""
        innovation = self.innovation()
        self.require(may_continue, innovation, _("Only the innovation's own unit can continue it."))
        created = continuation.innovation_continue(innovation=innovation, by=request.user)
        fresh = Innovation.objects.visible_to(request.user).for_list().get(pk=created.pk)
        data = InnovationSerializer(fresh, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class ReusableEvidenceView(InnovationScoped):
    @extend_schema(responses=ReusableEvidenceSerializer(many=True))
    def get(self, request, pk):
        """Files of the innovation's earlier years; `reused` when this entry already has them."""
        innovation = self.innovation()
        items = continuation.reusable_evidence(innovation)
        context = {"request": request}
        return Response(ReusableEvidenceSerializer(items, many=True, context=context).data)

    @extend_schema(request=ReuseSerializer, responses={201: AttachmentSerializer(many=True)})
    def post(self, request, pk):
        """Attach earlier files to this (editable) entry without copying them."""
        innovation = self.innovation()
        self.require(
            is_innovation_owner, innovation, _("Only the innovation's own unit can add evidence.")
        )
        payload = ReuseSerializer(data=body(request))
        payload.is_valid(raise_exception=True)
        added = continuation.evidence_reuse(
            innovation=innovation,
            attachment_ids=payload.validated_data["attachments"],
            by=request.user,
        )
        context = {"request": request}
        return Response(
            AttachmentSerializer(added, many=True, context=context).data,
            status=status.HTTP_201_CREATED,
        )
