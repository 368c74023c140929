"""The portfolio's public API (no login), included at /api/v1/public/."""

from django.urls import path

from . import api_lists

app_name = "portfolio-public-api"

urlpatterns = [
    path("innovations/<str:code>/years/", api_lists.PublicYearsView.as_view(), name="years"),
    path(
        "innovations/<str:code>/replications/",
        api_lists.PublicReplicationsView.as_view(),
        name="replications",
    ),
]
