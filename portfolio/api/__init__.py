"""REST endpoints of the portfolio (docs/api-additions.md). Thin: reads through `visible_to`,
writes through the services; their refusals are answered by the API's exception handler
(`intan_banjar.api`).

- `years`: an innovation's lineage, continuing it, reusing its earlier evidence;
- `records`: its decrees, monitoring reports and replications;
- `lists`: the same across innovations, with exports, and each cycle's monitoring schedule;
- `archive`: the legacy archive's import jobs and template; the public years and replications.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.views import APIView

from innovations.models import Innovation
from intan_banjar.parsers import JSONParser

PARSERS = [JSONParser, MultiPartParser, FormParser]


def body(request, files=()):
    """The request's fields as a dict; multipart lists (`files`) kept as lists."""
    if not hasattr(request.data, "getlist"):
        if not isinstance(request.data, dict):
            raise exceptions.ParseError(_("The request body must be a JSON object."))
        return dict(request.data)
    data = {key: value for key, value in request.data.items() if key not in files}
    for name in files:
        found = request.FILES.getlist(name)
        if found:
            data[name] = found
    return data


class InnovationScoped(APIView):
    """An endpoint under /innovations/{id}/: the innovation as the user may see it (else 404)."""

    parser_classes = PARSERS

    def innovation(self):
        queryset = Innovation.objects.visible_to(self.request.user).select_related("unit", "cycle")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def require(self, predicate, innovation, message):
        """403 before the body is read: the role may never do this to this innovation."""
        if not predicate(self.request.user, innovation):
            raise exceptions.PermissionDenied(message)
