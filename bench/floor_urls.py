"""The request floor's views (bench/floor.py): each answers at once."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


def _page(request):
    return HttpResponse("ok")


@login_not_required
def _public_page(request):
    return HttpResponse("ok")


class _Api(APIView):
    """The project's default authentication and permission classes (settings.REST_FRAMEWORK)."""

    def get(self, request):
        return Response({"ok": True})


class _PublicApi(APIView):
    """As the public catalogue's API: no authentication, anyone may read."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("floor/page/", _page),
    path("floor/api/", _Api.as_view()),
    path("floor/public/page/", _public_page),
    path("floor/public/api/", login_not_required(_PublicApi.as_view())),
]
