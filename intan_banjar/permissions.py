"""DRF permission classes made from `rules` predicates, so the API asks the same rules as the pages.

    permission_classes = [rule_permission(may_manage_units, read=rules.is_authenticated)]

The predicates are the apps' named ones (`<app>/rules.py`), never a role restated here.
`predicate` guards writes (and reads too unless `read` is given). For object checks the predicate
gets `(user, obj)`; `rules` drops the object for predicates that take only the user. An anonymous
request refused by a rule gets 401 from DRF, an authenticated one 403.
"""

import re

from rest_framework.permissions import SAFE_METHODS, BasePermission


def rule_permission(predicate, *, read=None):
    """Return a DRF permission class that allows a request when the predicate holds."""
    read = predicate if read is None else read

    class RulePermission(BasePermission):
        def _predicate(self, request):
            return read if request.method in SAFE_METHODS else predicate

        def has_permission(self, request, view):
            return bool(self._predicate(request).test(request.user))

        def has_object_permission(self, request, view, obj):
            return bool(self._predicate(request).test(request.user, obj))

    RulePermission.__name__ = "RulePermission_" + re.sub(r"\W+", "_", predicate.name)
    RulePermission.__qualname__ = RulePermission.__name__
    return RulePermission
