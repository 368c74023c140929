"""Public API (no login), included at /api/v1/public/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .public_api import ConfirmationResendView, PublicInnovationViewSet, PublicSubmissionView

app_name = "public-api"

router = SimpleRouter()
router.register("innovations", PublicInnovationViewSet, basename="innovation")

urlpatterns = [
    path("submissions/", PublicSubmissionView.as_view(), name="submission"),
    path("submissions/resend/", ConfirmationResendView.as_view(), name="submission-resend"),
    *router.urls,
]
