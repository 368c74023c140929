app_name = "curation"

urlpatterns = []
