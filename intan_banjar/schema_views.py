"""The OpenAPI schema view: the whole API for signed-in users, its public part for anyone else.

Decided in issue 19: the documentation stays open because the public catalogue links to it for
its open API (launched innovations, the community form, the token endpoint), but an anonymous
visitor's schema no longer lists the staff endpoints.
"""

from drf_spectacular.views import SpectacularAPIView


class PortalSchemaView(SpectacularAPIView):
    def _get_schema_response(self, request):
        # Not "public": the generator keeps only the operations whose permission check this
        # request passes, which for an anonymous visitor is exactly the public API.
        self.serve_public = bool(request.user and request.user.is_authenticated)
        return super()._get_schema_response(request)

    def _get_version_parameter(self, request):
        # One version (v1). drf-spectacular copies `?version=` into the Content-Disposition
        # file name when no ALLOWED_VERSIONS are set: a CRLF there was a 500.
        return None
