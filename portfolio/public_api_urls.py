"""The portfolio's public API (no login), included at /api/v1/public/."""

from django.urls import path

from .api import archive

app_name = "portfolio-public-api"

urlpatterns = [
    path("innovations/<str:code>/years/", archive.PublicYearsView.as_view(), name="years"),
    path(
        "innovations/<str:code>/replications/",
        archive.PublicReplicationsView.as_view(),
        name="replications",
    ),
]
