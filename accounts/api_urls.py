from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("units", api.UnitViewSet, basename="unit")
router.register("users", api.UserViewSet, basename="user")

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("auth/logout-all/", api.LogoutAllView.as_view(), name="api-logout-all"),
    path("me/", api.MeView.as_view(), name="api-me"),
    *router.urls,
]
