"""The `portal` template library (`{% load portal %}`): helpers shared by every app's pages."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

_SELECTED = mark_safe(" selected")  # noqa: S308 - a constant attribute


@register.simple_tag
def select_options(bound_field, empty_label=None):
    """The `<option>`s of a choice field with its current value selected, for a filter bar.

    One tag rather than a template loop: the filter bars of the list pages draw some fifty
    options per request, and the loop's per-option nodes cost more than formatting them here.
    `empty_label` names the empty choice ("All") where the field's own label does not suit.
    """
    current = bound_field.value()
    current = "" if current is None else str(current)
    return _format_options(
        (
            value,
            empty_label if value == "" and empty_label is not None else label,
            value != "" and str(value) == current,
        )
        for value, label in bound_field.field.choices
    )


@register.simple_tag
def options(choices):
    """The `<option>`s of (value, label) pairs, none selected (long pick lists: curators)."""
    return _format_options((value, label, False) for value, label in choices)


def _format_options(rows):
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, _SELECTED if selected else "", label) for value, label, selected in rows),
    )
