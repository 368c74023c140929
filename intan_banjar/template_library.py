"""The `portal` template library (`{% load portal %}`): helpers shared by every app's pages."""

from django import template

register = template.Library()


@register.filter
def choice_options(bound_field):
    """[(value, label, selected)] of a choice field, for a hand-written `<select>`.

    Comparing each option with `field.value` in the template recomputed the bound value once per
    option; here it is read once per field.
    """
    current = bound_field.value()
    current = "" if current is None else str(current)
    return [
        (value, label, str(value) == current and value != "")
        for value, label in bound_field.field.choices
    ]
