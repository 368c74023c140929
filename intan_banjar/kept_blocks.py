"""`{% kept "name" key ... %}…{% endkept %}`: a stretch of a page drawn once per key (issue 20).

Loaded as `{% load kept_blocks %}` (TEMPLATES' `libraries`): the curation queue and the
innovation list use it.

Most of the curation queue's template is the same from one request to the next for the same
few values (the year, the filter's values, the page number, the language), yet drawing it took
about a millisecond a request: thirty `{% translate %}`, five `{% url %}`, the year loop, the
pagination include. A kept block is drawn by the template engine the first time, as before, and
its text reused for the same key (intan_banjar/kept.py), so the drawing stays in the template.

The rule that keeps it correct: a block's key names every value the block reads. The language,
the script prefix and the URL configuration (what `{% translate %}` and `{% url %}` read) are
added to every key. Nothing that differs per request (CSRF tokens, nonces, the request's path)
may be inside a block: the page draws those between blocks. Key values must be plain (str, int,
bool, None, and tuples or lists of them), compared with their type, so that two keys are equal
only when the values would draw the same text; anything else is refused rather than compared
by identity. tests/curation/test_queue_blocks.py draws the page with and without keeping.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

from intan_banjar.kept import Kept

register = template.Library()

# Entries per block: the header's key has a user's progress (a few hundred curators), the filter
# bar's the filter values (searches vary), so each block has its own bound.
BLOCK_LIMIT = 512
# Off in tests that draw the page both ways.
keeping = True

_PLAIN = (str, int, bool, type(None))


class KeptNode(template.Node):
    def __init__(self, nodelist, name, keys):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys
        self.kept = Kept(BLOCK_LIMIT)

    def render(self, context):
        if not keeping:
            return self.nodelist.render(context)
        key = (
            get_language(),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            tuple(plain(expression.resolve(context)) for expression in self.keys),
        )
        return self.kept.get(key, lambda: self.nodelist.render(context))


def plain(value):
    """`value` as a key part: (type, value) for a plain scalar or a list or tuple of them."""
    kind = type(value)
    if kind in _PLAIN:
        return (kind, value)
    if kind is list or kind is tuple:
        return (kind, tuple(plain(item) for item in value))
    raise TypeError(f"a kept block's key must be plain values, not {kind.__name__}")


@register.tag
def kept(parser, token):
    """`{% kept "name" key ... %}`: the name (a string, for reading the template) and the
    variables whose values the block's text depends on."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("{% kept %} takes a quoted name, then its keys")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
