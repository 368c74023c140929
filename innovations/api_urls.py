from rest_framework.routers import SimpleRouter

from .api import CycleViewSet, InnovationViewSet

app_name = "innovations-api"

router = SimpleRouter()
router.register("cycles", CycleViewSet, basename="cycle")
router.register("innovations", InnovationViewSet, basename="innovation")

urlpatterns = router.urls
