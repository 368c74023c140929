"""Row links for long lists: the URL resolved once per page, then filled in per row.

`{% url %}` in a 50-row table resolved the same pattern 50 times, a sixth of the rows' rendering
time. The sentinel argument is resolved through the real URL configuration, so the link stays
whatever the pattern says (language prefix, script name and all).
"""

from django.urls import reverse

_SENTINEL = "8128256512"


def row_url(viewname):
    """`pk -> URL` for a view taking one argument (a primary key or a code)."""
    prefix, sep, suffix = reverse(viewname, args=[_SENTINEL]).partition(_SENTINEL)
    if not sep:
        raise ValueError(f"{viewname} does not put its argument in the path")
    return lambda value: f"{prefix}{value}{suffix}"
