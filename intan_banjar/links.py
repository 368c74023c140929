"""Row links for long lists: the URL resolved once per page, then filled in per row.

`{% url %}` in a 50-row table resolved the same pattern 50 times, a sixth of the rows' rendering
time. The sentinel argument is resolved through the real URL configuration, so the link stays
whatever the pattern says (language prefix, script name and all).
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_SENTINEL = "8128256512"


def row_url(viewname):
    """`pk -> URL` for a view taking one argument (a primary key or a code)."""
    prefix, sep, suffix = reverse(viewname, args=[_SENTINEL]).partition(_SENTINEL)
    if not sep:
        raise ValueError(f"{viewname} does not put its argument in the path")
    return lambda value: f"{prefix}{value}{suffix}"


# (url name, script prefix, URL configuration) -> path, for URLs without arguments: their paths
# change only with the prefix the site is served under or the URL configuration.
_reversed = {}


def reversed_url(name):
    """`reverse(name)` for a URL without arguments, resolved once per prefix and configuration.

    The base layout links a dozen such pages on every page (navigation, account menu, footer);
    reversing each on every request cost more than the navigation's predicates.
    """
    key = (name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    url = _reversed.get(key)
    if url is None:
        url = _reversed[key] = reverse(name)
    return url
