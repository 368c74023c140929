from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("launches", api.LaunchEventViewSet, basename="launch")

urlpatterns = [
    # Before the innovations router, whose `innovations/<id>/` would otherwise take "export".
    path("innovations/export/", api.InnovationExportView.as_view(), name="innovation-export"),
    path("reports/launch/<int:year>/", api.LaunchReportView.as_view(), name="launch-report"),
    path(
        "reports/launch/<int:year>/export/",
        api.LaunchReportExportView.as_view(),
        name="launch-report-export",
    ),
    path(
        "reports/reviews/<int:year>/export/",
        api.ReviewExportView.as_view(),
        name="reviews-export",
    ),
    path("reports/exports/<uuid:token>/", api.ExportJobView.as_view(), name="export-job"),
    *router.urls,
]
