"""The form renderer (FORM_RENDERER): Django's own, with its commonest widgets formatted in Python.

Django draws every widget through its template engine: a `<select>` renders one template per
option plus one for each element's attributes, so the innovation list's filter bar (ten fields,
some sixty options) cost about a fifth of the page, more than all its SQL. The inputs and selects
below are formatted here instead, byte for byte as Django's templates
(django/forms/widgets/input.html, attrs.html, select.html and select_option.html) draw them, the
same escaping and localisation included (tests/test_widget_renderer.py compares the two); every
other template (file inputs, radio lists, whole forms) goes to the templates as before. A project
or app that overrides one of these templates must remove it from FORMATTED.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = (
    "input checkbox color date datetime email file hidden number password search tel text time url"
)


class Unformattable(Exception):
    """A context the Python formatting does not cover: the template draws the widget."""


def _variable(value):
    """`{{ value }}`: localised and escaped like the template engine's output of a variable."""
    if callable(value):  # the template engine would call it
        raise Unformattable
    return conditional_escape(localize(template_localtime(value)))


def _string_format(value):
    """`{{ value|stringformat:'s' }}`: safe input stays unescaped (the filter is `is_safe`)."""
    if callable(value):
        raise Unformattable
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 - as the filter
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_variable(name)}")
        if value is not True:
            parts.append(f'="{_string_format(value)}"')
    return "".join(parts)


def _input(widget):
    """django/forms/widgets/input.html (and the templates that only include it)."""
    value = widget["value"]
    shown = f' value="{_string_format(value)}"' if value is not None else ""
    return (
        f'<input type="{_variable(widget["type"])}" name="{_variable(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _option(option):
    """django/forms/widgets/select_option.html, as `{% include %}` draws it (its final newline
    kept: only the renderer's own result is stripped)."""
    if option.get("template_name") != WIDGETS + "select_option.html":
        raise Unformattable
    return (
        f'<option value="{_string_format(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_variable(option['label'])}</option>\n"
    )


def _select(widget):
    """django/forms/widgets/select.html."""
    parts = [f'<select name="{_variable(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_variable(group_name)}">')
        for option in group_choices:
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


FORMATTED = {f"{WIDGETS}{name}.html": _input for name in INPUT_TEMPLATES.split()}
FORMATTED[WIDGETS + "select.html"] = _select


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        formatter = FORMATTED.get(template_name)
        if formatter is not None and "widget" in context:
            try:
                return mark_safe(formatter(context["widget"]).strip())  # noqa: S308 - escaped above
            except (Unformattable, KeyError):
                pass
        return super().render(template_name, context, request=request)
