app_name = "innovations"

urlpatterns = []
