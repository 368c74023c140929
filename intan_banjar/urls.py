from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularSwaggerSplitView

from intan_banjar import help as guides
from intan_banjar.landing import front_page
from intan_banjar.schema_views import PortalSchemaView

admin.site.site_header = _("INTAN BANJAR administration")
admin.site.site_title = _("INTAN BANJAR")
admin.site.index_title = _("Portal administration")

urlpatterns = [
    # The API first: Django tries the patterns in order, and an API path went through every
    # page pattern of the apps below (about a hundred) before reaching its own (issue 20). No
    # page pattern starts with "api/" or a converter, so the order decides nothing else.
    path("api/v1/", include("intan_banjar.api_urls")),
    # Open to anyone; anonymous visitors get the public API's part only (schema_views).
    path("api/schema/", PortalSchemaView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("", front_page, name="home"),
    path("", include("accounts.urls")),
    path("", include("innovations.urls")),
    path("katalog/", include("innovations.public_urls")),
    path("", include("curation.urls")),
    path("", include("agreements.urls")),
    path("", include("notifications.urls")),
    path("", include("reports.urls")),
    path("", include("iga.urls")),
    path("", include("portfolio.urls")),
    path(
        "bantuan/",
        include(
            (
                [
                    path("", guides.help_index, name="index"),
                    path("<slug:slug>/", guides.help_guide, name="guide"),
                ],
                "help",
            )
        ),
    ),
    path("admin/", admin.site.urls),
    # The language switch is open to anonymous visitors: the login page has one too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
]

# No view matched (e.g. a non-numeric id): JSON under /api/, the HTML page elsewhere.
handler404 = "intan_banjar.errors.page_not_found"
handler500 = "intan_banjar.errors.server_error"
