"""The public side of innovations: what anyone may read, and the community submission endpoint.

One queryset (`public_innovations`, defined beside the fields in `public_records`), one filter
set and one serializer define what is public;
the catalogue pages, the open data files and the API all use them, so a field cannot leak through
one channel while another hides it. Public means: launched, and only the fields listed in
`PUBLIC_FIELDS` (no budget, scores, notes, history, attachments or submitter contact data).
"""

import django_filters
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ParseError, Throttled
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import UnitKind
from accounts.fields import PhoneSerializerField
from intan_banjar.api import BuiltFieldsMixin, Pagination
from intan_banjar.client_ip import client_ip
from intan_banjar.filtersets import PortalFilterSet
from intan_banjar.ordering import StableOrderingFilter
from intan_banjar.parsers import JSONParser

from . import community
from .enums import Form, InnovationType, Maturity, Origin, SourceCategory
from .filters import YearFilter
from .models import Innovation, Innovator, Partner
from .public_count import known_count
from .public_pages import api_rows
from .public_records import (  # noqa: F401 - other modules read `public_innovations` here
    PUBLIC_FIELDS,
    public_innovations,
    public_record,
    public_rows,
    with_people_records,
)


def with_people(innovations):
    """Attach `public_innovators` and `public_partners` lists to each innovation: two queries.

    Not `prefetch_related`: for a page of 20 its machinery (a lookup built from every id, a
    queryset per row) cost a third of the public list's time, more than the two queries.
    """
    innovations = list(innovations)
    by_id = {innovation.pk: innovation for innovation in innovations}
    for innovation in innovations:
        innovation.public_innovators, innovation.public_partners = [], []
    if by_id:
        for person in Innovator.objects.filter(innovation_id__in=by_id).only(
            "innovation_id", "name"
        ):
            by_id[person.innovation_id].public_innovators.append(person)
        for partner in Partner.objects.filter(innovation_id__in=by_id).only(
            "innovation_id", "actor", "name", "role"
        ):
            by_id[partner.innovation_id].public_partners.append(partner)
    return innovations


class PublicInnovationFilter(PortalFilterSet):
    search = django_filters.CharFilter(method="filter_search", label=gettext_lazy("Search"))
    year = YearFilter(field_name="year", label=gettext_lazy("Year"))
    source_category = django_filters.ChoiceFilter(
        choices=SourceCategory.choices, label=gettext_lazy("Category")
    )
    unit_kind = django_filters.ChoiceFilter(
        field_name="unit__kind", choices=UnitKind.choices, label=gettext_lazy("Unit kind")
    )
    origin = django_filters.ChoiceFilter(choices=Origin.choices, label=gettext_lazy("Origin"))
    form = django_filters.ChoiceFilter(choices=Form.choices, label=gettext_lazy("Form"))
    type = django_filters.ChoiceFilter(choices=InnovationType.choices, label=gettext_lazy("Type"))
    maturity = django_filters.ChoiceFilter(choices=Maturity.choices, label=gettext_lazy("Maturity"))

    class Meta:
        model = Innovation
        fields = [
            "search",
            "year",
            "source_category",
            "unit_kind",
            "origin",
            "form",
            "type",
            "maturity",
        ]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(code__iexact=value)
            | Q(summary__icontains=value)
            | Q(unit__name__icontains=value)
        )


class PublicInnovatorSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Innovator
        fields = ["name"]


class PublicPartnerSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["actor", "name", "role"]


class PublicInnovationSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    year = serializers.IntegerField(read_only=True)
    unit = serializers.CharField(source="unit.code", read_only=True, default=None, allow_null=True)
    unit_name = serializers.CharField(
        source="unit.name", read_only=True, default=None, allow_null=True
    )
    innovators = PublicInnovatorSerializer(source="public_innovators", many=True, read_only=True)
    partners = PublicPartnerSerializer(source="public_partners", many=True, read_only=True)
    demo = serializers.BooleanField(source="is_demo", read_only=True)
    imported = serializers.BooleanField(source="is_imported", read_only=True)
    # A link, or "" when there is none (a read-only URLField would claim a URI always).
    video_url = serializers.CharField(read_only=True)

    class Meta:
        model = Innovation
        fields = PUBLIC_FIELDS
        read_only_fields = PUBLIC_FIELDS


class PublicPagination(Pagination):
    """The API's pagination, with the whole catalogue's count from the cache (`public_count`)
    when the request filters nothing."""

    def paginate_queryset(self, queryset, request, view=None):
        self.known_count = known_count(request.query_params, PublicInnovationFilter)
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page):
        paginator = Paginator(object_list, per_page)
        if self.known_count is not None:
            paginator.count = self.known_count
        return paginator


class PublicInnovationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Launched innovations for anyone: no login, public fields only."""

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = PublicInnovationSerializer
    pagination_class = PublicPagination
    filterset_class = PublicInnovationFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, StableOrderingFilter]
    ordering_fields = ["title", "code"]
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9-]+"

    def get_queryset(self):
        return public_innovations()

    def list(self, request, *args, **kwargs):
        """The page's bodies from `.values()` rows (`public_records`), without the serializer:
        the same JSON as `PublicInnovationSerializer` gives, at a fraction of the cost. A
        request that filters nothing reads them through SQL compiled once, without building
        the filter set (`public_pages`)."""

        def filtered():
            return public_rows(self.filter_queryset(self.get_queryset()))

        rows = api_rows(request.query_params, filtered)
        page = self.paginate_queryset(filtered() if rows is None else rows)
        return self.get_paginated_response([public_record(row) for row in page])

    def paginate_queryset(self, queryset):
        return with_people_records(super().paginate_queryset(queryset))

    def get_object(self):
        return with_people([super().get_object()])[0]


def json_object(request):
    """The request's data, which must be an object: a JSON list, string, number or null is a
    400 in the API's error shape, not a 500."""
    if not isinstance(request.data, dict):
        raise ParseError(_("The request body must be a JSON object."))
    return request.data


class PublicSubmissionSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=community.LIMITS["title"])
    summary = serializers.CharField(max_length=community.LIMITS["summary"])
    problem = serializers.CharField(max_length=community.LIMITS["problem"])
    design = serializers.CharField(max_length=community.LIMITS["design"])
    benefits = serializers.CharField(max_length=community.LIMITS["benefits"])
    village = serializers.CharField(max_length=community.LIMITS["village"])
    name = serializers.CharField(max_length=community.LIMITS["name"])
    email = serializers.EmailField(max_length=community.LIMITS["email"])
    phone = PhoneSerializerField(max_length=community.LIMITS["phone"])
    attachments = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True),
        required=False,
        max_length=community.MAX_FILES,
    )
    # The honeypot: people never see it, robots fill it in.
    website = serializers.CharField(required=False, allow_blank=True, default="")


class PublicSubmissionView(APIView):
    """A community innovation from outside the portal; it waits for the e-mail confirmation."""

    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request=PublicSubmissionSerializer,
        responses={
            202: inline_serializer("PublicSubmissionAccepted", {"detail": serializers.CharField()}),
            400: OpenApiResponse(
                description=(
                    'Missing or invalid fields, per field; `{"detail": ...}` when the body '
                    "is not a JSON object."
                )
            ),
            429: OpenApiResponse(description="Too many submissions from this address."),
        },
    )
    def post(self, request):
        ip = client_ip(request)
        if community.rate_limit_exceeded(ip):
            raise Throttled(detail=_("Too many submissions from your address. Try again later."))
        if hasattr(request.data, "getlist"):  # multipart or form: one value per field, files apart
            data = {key: value for key, value in request.data.items() if key != "attachments"}
            files = request.FILES.getlist("attachments")
            if files:
                data["attachments"] = files
        else:
            data = dict(json_object(request))
        serializer = PublicSubmissionSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        community.community_submission_create(
            files=fields.pop("attachments", []), honeypot=fields.pop("website", ""), **fields
        )
        community.rate_limit_count(ip)
        return Response({"detail": community.accepted_message()}, status=status.HTTP_202_ACCEPTED)


class ConfirmationResendSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=community.LIMITS["email"])


class ConfirmationResendView(APIView):
    """Ask for the confirmation e-mail of one's community submissions again."""

    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        summary="Send the confirmation e-mail of community submissions again",
        description=(
            "A new confirmation e-mail goes to `email` for each of its community submissions "
            "that still wait for confirmation (drafts of the cycle taking entries today). The "
            "answer is the same whether or not the address has such submissions. Limited per "
            "client address and per e-mail address (`COMMUNITY_RESENDS_PER_HOUR`, default 3)."
        ),
        request=ConfirmationResendSerializer,
        responses={
            202: inline_serializer(
                "ConfirmationResendAccepted", {"detail": serializers.CharField()}
            ),
            400: OpenApiResponse(description="Missing or invalid e-mail address."),
            429: OpenApiResponse(description="Too many requests for this address or e-mail."),
        },
    )
    def post(self, request):
        serializer = ConfirmationResendSerializer(data=json_object(request))
        serializer.is_valid(raise_exception=True)
        ip, email = client_ip(request), serializer.validated_data["email"]
        if community.resend_limit_exceeded(ip=ip, email=email):
            raise Throttled(
                detail=_("Too many requests for a new link. Please try again in an hour.")
            )
        community.resend_limit_count(ip=ip, email=email)
        community.community_confirmation_resend(email=email)
        return Response({"detail": community.resent_message()}, status=status.HTTP_202_ACCEPTED)
