"""REST endpoints of curation: thin; reads from `visible_to`, writes by service.

Reviews and internal comments answer 404 to unit staff, even for their own innovation: a unit
must not learn that they exist.
"""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from innovations.models import Cycle, Innovation

from . import services
from .dashboard import dashboard
from .queue import with_curators
from .queue_pages import queue_api_rows
from .rules import (
    hides_curation,
    is_curation_staff,
    may_assign,
    may_edit_rubric,
    may_review,
)
from .serializers import (
    AssignmentCreateSerializer,
    AssignmentSerializer,
    CriterionSerializer,
    DecisionResponseSerializer,
    DecisionResultSerializer,
    DecisionSerializer,
    InternalCommentSerializer,
    QueueItemSerializer,
    ReviewSerializer,
    queue_items,
)

YEAR_PARAM = OpenApiParameter("year", int, description="Cycle year (default: the current cycle)")


def require_curation_staff(user):
    if not is_curation_staff(user):
        raise PermissionDenied(_("Only curators and administrators can do this."))


class InnovationScopedView(APIView):
    """Base of the endpoints under /innovations/{id}/ that belong to curation."""

    pagination_class = None

    def get_innovation(self):
        user = self.request.user
        if hides_curation(user):
            raise Http404
        require_curation_staff(user)
        return get_object_or_404(
            Innovation.objects.visible_to(user).select_related("cycle", "unit"),
            pk=self.kwargs["pk"],
        )


class QueueView(generics.ListAPIView):
    """Innovations waiting for curation, oldest submitted first (API.md: Curation)."""

    serializer_class = QueueItemSerializer
    filter_backends = []

    def get_queryset(self):
        user = self.request.user
        require_curation_staff(user)
        cycle = Cycle.objects.resolve(self.request.query_params.get("year"), required=False)
        if cycle is None:
            return Innovation.objects.none()
        params = self.request.query_params
        return queue_api_rows(params, user=user, cycle=cycle, request=self.request)

    def list(self, request, *args, **kwargs):
        """The page's rows as dicts from `.values()`, shaped by `queue_items`: the same body as
        QueueItemSerializer on model instances (a test compares them) at a fifth of the cost."""
        queryset = self.get_queryset()
        rows = self.paginate_queryset(queryset)
        today = timezone.localdate()
        if rows is None:
            return Response(queue_items(with_curators(queryset), today))
        return self.get_paginated_response(queue_items(with_curators(rows), today))

    @extend_schema(
        parameters=[
            YEAR_PARAM,
            OpenApiParameter("assigned", str, description="`me` or a curator's e-mail address"),
            OpenApiParameter("unit", str),
            OpenApiParameter("unit_kind", str),
            OpenApiParameter("origin", str),
            OpenApiParameter("form", str),
            OpenApiParameter("maturity", str),
            OpenApiParameter("lab_stage", str),
            OpenApiParameter("search", str),
            OpenApiParameter(
                "ordering", str, enum=["waiting", "-waiting", "score", "-score", "unit"]
            ),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AssignmentsView(InnovationScopedView):
    @extend_schema(responses={200: AssignmentSerializer(many=True)})
    def get(self, request, pk):
        innovation = self.get_innovation()
        rows = innovation.assignments.select_related("curator", "assigned_by")
        return Response(AssignmentSerializer(rows, many=True).data)

    @extend_schema(
        request=AssignmentCreateSerializer, responses={201: AssignmentSerializer(many=True)}
    )
    def post(self, request, pk):
        innovation = self.get_innovation()
        if not may_assign(request.user):
            raise PermissionDenied(
                _("Only a lead curator or an administrator can assign curators.")
            )
        body = AssignmentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        emails = {e.lower() for e in body.validated_data["curators"]}
        curators = list(get_user_model().objects.filter(email__in=emails))
        unknown = sorted(emails - {c.email.lower() for c in curators})
        if unknown:
            raise DRFValidationError(
                {"curators": [_("Unknown user: %(email)s.") % {"email": e} for e in unknown]}
            )
        services.assignment_create(innovations=[innovation], curators=curators, by=request.user)
        rows = innovation.assignments.select_related("curator", "assigned_by")
        return Response(AssignmentSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)


class AssignmentView(InnovationScopedView):
    @extend_schema(responses={204: None, 404: None})
    def delete(self, request, pk, email):
        """Take the curator with this e-mail address off the innovation (lead curator, admin)."""
        innovation = self.get_innovation()
        if not may_assign(request.user):
            raise PermissionDenied(
                _("Only a lead curator or an administrator can assign curators.")
            )
        curator = get_user_model().objects.filter(email__iexact=email).first()
        removed = curator is not None and services.assignment_remove(
            innovation=innovation, curator=curator, by=request.user
        )
        if not removed:
            raise NotFound(_("This curator is not assigned to the innovation."))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReviewsView(InnovationScopedView):
    @extend_schema(responses={200: ReviewSerializer(many=True)})
    def get(self, request, pk):
        """Every review of the innovation, current round first, earlier rounds after."""
        innovation = self.get_innovation()
        rows = innovation.reviews.select_related("curator").order_by("-round", "created_at", "id")
        return Response(ReviewSerializer(rows, many=True).data)

    @extend_schema(
        request=ReviewSerializer, responses={200: ReviewSerializer, 201: ReviewSerializer}
    )
    def post(self, request, pk):
        """Create (201) or replace (200) the requesting curator's review of the current round."""
        innovation = self.get_innovation()
        # Refused before any complaint about the body.
        if not may_review(request.user, innovation):
            raise PermissionDenied(_("You may not review this innovation."))
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        review, created = services.review_save(
            innovation=innovation,
            by=request.user,
            scores=dict(data["scores"]),
            comment=data.get("comment", ""),
            recommendation=data["recommendation"],
        )
        return Response(
            ReviewSerializer(review).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class CommentsView(InnovationScopedView):
    @extend_schema(responses={200: InternalCommentSerializer(many=True)})
    def get(self, request, pk):
        innovation = self.get_innovation()
        rows = innovation.internal_comments.select_related("author")
        return Response(InternalCommentSerializer(rows, many=True).data)

    @extend_schema(request=InternalCommentSerializer, responses={201: InternalCommentSerializer})
    def post(self, request, pk):
        innovation = self.get_innovation()
        body = InternalCommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = services.comment_add(
            innovation=innovation, by=request.user, body=body.validated_data["body"]
        )
        return Response(InternalCommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class CriteriaView(APIView):
    """The cycle's rubric: readable by every signed-in user, replaced by admins (PUT)."""

    pagination_class = None

    def get_cycle(self):
        return Cycle.objects.resolve(self.kwargs["year"])

    @extend_schema(responses={200: CriterionSerializer(many=True)})
    def get(self, request, year):
        cycle = self.get_cycle()
        return Response(CriterionSerializer(cycle.criteria.order_by("order", "id"), many=True).data)

    @extend_schema(
        request=CriterionSerializer(many=True), responses={200: CriterionSerializer(many=True)}
    )
    def put(self, request, year):
        """The whole list, in order; weights add up to 100. Refused (409) once reviews exist."""
        if not may_edit_rubric(request.user):
            raise PermissionDenied(_("Only an administrator can change the rubric."))
        cycle = self.get_cycle()
        data = request.data.get("criteria") if isinstance(request.data, dict) else request.data
        body = CriterionSerializer(data=data, many=True, allow_empty=False)
        body.is_valid(raise_exception=True)
        criteria = services.rubric_replace(
            cycle=cycle, criteria=[dict(row) for row in body.validated_data], by=request.user
        )
        return Response(CriterionSerializer(criteria, many=True).data)


class DecisionsView(APIView):
    """One workflow action over a selection; each item moves or is refused with its reason."""

    @extend_schema(request=DecisionSerializer, responses={200: DecisionResponseSerializer})
    def post(self, request):
        require_curation_staff(request.user)
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        ids = list(dict.fromkeys(data["innovations"]))
        found = Innovation.objects.visible_to(request.user).in_bulk(ids)
        results = services.decision_bulk(
            innovations=[found[pk] for pk in ids if pk in found],
            action=data["action"],
            by=request.user,
            note=data["note"],
        )
        by_id = {r.innovation_id: r for r in results}
        rows = [
            by_id.get(pk) or services.DecisionResult(pk, "", "", False, "", _("Not found."))
            for pk in ids
        ]
        return Response(
            {
                "action": data["action"],
                "moved": sum(r.moved for r in rows),
                "refused": sum(not r.moved for r in rows),
                "results": DecisionResultSerializer(rows, many=True).data,
            }
        )


DashboardResponse = inline_serializer(
    "CurationDashboard",
    {
        "year": serializers.IntegerField(),
        "status_counts": serializers.DictField(child=serializers.IntegerField()),
        "workload": serializers.ListField(child=serializers.DictField()),
        "overdue_days": serializers.IntegerField(),
        "overdue_total": serializers.IntegerField(),
        "overdue": serializers.ListField(child=serializers.DictField()),
        "decisions_per_week": serializers.ListField(child=serializers.DictField()),
    },
)


class DashboardView(APIView):
    @extend_schema(parameters=[YEAR_PARAM], responses={200: DashboardResponse})
    def get(self, request):
        require_curation_staff(request.user)
        cycle = Cycle.objects.resolve(request.query_params.get("year"))
        data = dashboard(request.user, cycle)
        return Response(
            {
                "year": cycle.year,
                "status_counts": {row["status"]: row["count"] for row in data["status_counts"]},
                "workload": [
                    {
                        "curator": user.email,
                        "full_name": user.full_name,
                        "assigned": user.assigned,
                        "done": user.done,
                        "waiting": user.waiting,
                        "reviews_given": user.reviews_given,
                    }
                    for user in data["workload"]
                ],
                "overdue_days": data["overdue_days"],
                "overdue_total": data["overdue_total"],
                "overdue": [
                    {
                        "id": item.pk,
                        "code": item.code,
                        "title": item.title,
                        "unit": item.unit.code if item.unit else None,
                        "status": item.status,
                        "days_waiting": item.days_waiting,
                    }
                    for item in data["overdue"]
                ],
                "decisions_per_week": [
                    {**row, "week": row["week"].isoformat()} for row in data["decisions_per_week"]
                ],
            }
        )
