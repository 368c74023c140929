"""People and units API (API.md "People and units")."""

import rules
from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, logout, user_logged_in
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from intan_banjar.permissions import rule_permission

from . import services
from .authentication import token_expires
from .filters import UnitFilter, UserFilter
from .models import Unit, User
from .rules import may_manage_units, may_manage_users
from .serializers import (
    CredentialsSerializer,
    MeSerializer,
    TokenSerializer,
    UnitSerializer,
    UserSerializer,
    UserUpdateSerializer,
)


class InvalidCredentials(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("The e-mail address or the password is not correct.")
    default_code = "invalid_credentials"


class TokenView(APIView):
    """Exchange e-mail and password for an API token.

    Failures count towards the same django-axes lock-out as the login form (same username and
    address), so switching between the form and the API gains an attacker nothing. A scoped rate
    limit caps the endpoint's traffic on top of that.
    """

    authentication_classes = []  # no session: no CSRF on a credentials endpoint
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=CredentialsSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="Wrong e-mail or password."),
            429: OpenApiResponse(description="Too many attempts: locked out or throttled."),
        },
        auth=[],
    )
    def post(self, request):
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"].strip().lower()
        user = authenticate(
            request=request, username=email, password=serializer.validated_data["password"]
        )
        if user is None:
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                raise exceptions.Throttled(
                    wait=cool_off.total_seconds() if cool_off else None,
                    detail=gettext("Too many failed sign-in attempts. Try again later."),
                )
            raise InvalidCredentials()
        # A token sign-in is a sign-in: axes clears the failures, Django records last_login.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        token = services.token_for(user=user)
        return Response(TokenSerializer({"token": token.key, "expires": token_expires(token)}).data)


class LogoutAllView(APIView):
    """Sign out everywhere: delete the user's API token and end every session of the user."""

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="Every session and token has ended.")},
    )
    def post(self, request):
        services.user_sign_out_everywhere(user=request.user)
        if request.session.session_key:  # this request came with a session cookie
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(RetrieveAPIView):
    """The signed-in user, so a client knows whose token it holds and what it may do."""

    serializer_class = MeSerializer

    def get_object(self):
        return User.objects.for_list().get(pk=self.request.user.pk)


class UnitViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The regency's units: readable by every signed-in user, maintained by admins."""

    serializer_class = UnitSerializer
    permission_classes = [rule_permission(may_manage_units, read=rules.is_authenticated)]
    filterset_class = UnitFilter
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name", "kind"]
    lookup_field = "code"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return Unit.objects.visible_to(self.request.user).for_list()


@extend_schema_view(
    retrieve=extend_schema(parameters=[OpenApiParameter("email", OpenApiTypes.EMAIL, "path")]),
    partial_update=extend_schema(
        parameters=[OpenApiParameter("email", OpenApiTypes.EMAIL, "path")]
    ),
)
class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Accounts, for admins only."""

    permission_classes = [rule_permission(may_manage_users)]
    filterset_class = UserFilter
    search_fields = ["email", "full_name"]
    ordering_fields = ["email", "full_name", "role", "date_joined"]
    lookup_field = "email"
    lookup_value_regex = r"[^/]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return User.objects.visible_to(self.request.user).for_list()

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return UserUpdateSerializer
        return UserSerializer

    def get_object(self):
        # Addresses are stored in lower case; a URL may carry any case.
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].lower()
        return super().get_object()
