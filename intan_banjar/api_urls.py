"""REST API v1: each app contributes its own routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("accounts.api_urls")),
    path("", include("reports.api_urls")),  # first: its `innovations/export/` is a fixed path
    path("", include("innovations.api_urls")),
    path("public/", include("innovations.public_api_urls")),
    path("public/", include("portfolio.public_api_urls")),
    path("", include("curation.api_urls")),
    path("", include("agreements.api_urls")),
    path("", include("notifications.api_urls")),
    path("", include("iga.api_urls")),
    path("", include("portfolio.api_urls")),
]
