from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("agreements", api.AgreementViewSet, basename="agreement")

urlpatterns = [
    # Before the router: "document" would otherwise be read as an agreement id.
    path("agreements/document/", api.CycleDocumentView.as_view(), name="agreement-cycle-document"),
    path("compliance/", api.ComplianceView.as_view(), name="api-compliance"),
    path(
        "reports/compliance/<int:year>/export/",
        api.ComplianceExportView.as_view(),
        name="api-compliance-export",
    ),
    *router.urls,
]
