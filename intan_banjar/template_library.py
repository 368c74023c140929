"""The `portal` template library (`{% load portal %}`): helpers shared by every app's pages."""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from intan_banjar.links import reversed_url

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


@register.simple_tag
def route(name):
    """`{% url name %}` for a URL without arguments, reversed once per script prefix and URL
    configuration (`links.reversed_url`): the base layout's dozen links on every page."""
    return reversed_url(name)


# Fragments of the base layout that depend only on the language and a few plain values, drawn
# once per key and then reused: the navigation's entries (about 0.3 ms of template work a page
# for an administrator's ten) and the language buttons. Bounded: the keys are few (roles ×
# active entry × language), but a surprise should not grow a worker's memory.
_fragments = {}
_FRAGMENTS_MAX = 1024


def _fragment(template_name, key, context):
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    key = (template_name, translation.get_language(), get_script_prefix(), urlconf, key)
    html = _fragments.get(key)
    if html is None:
        if len(_fragments) >= _FRAGMENTS_MAX:
            _fragments.clear()
        html = _fragments[key] = get_template(template_name).render(context)
    return html


def _entries_key(items):
    return tuple(
        (
            item["name"],
            str(item["label"]),
            item.get("url"),
            item["active"],
            _entries_key(item["pages"]) if item.get("pages") else None,
        )
        for item in items
    )


@register.simple_tag
def nav_menu(nav_items):
    """The navigation's entries (`includes/nav_menu.html`), drawn once per set of entries."""
    return _fragment("includes/nav_menu.html", _entries_key(nav_items), {"nav_items": nav_items})


@register.simple_tag
def language_buttons():
    """The language switch's buttons (`includes/language_buttons.html`), once per language."""
    return _fragment("includes/language_buttons.html", None, {})


# path -> URL of a static file: the storage's answer only changes with the settings below
# (a worker reads its manifest once), so the layout's ten `{% static %}` are asked once each.
_static_urls = {}
_STATIC_SETTINGS = {"STORAGES", "STATIC_URL", "STATIC_ROOT", "DEBUG", "INSTALLED_APPS"}


@register.simple_tag
def asset(path):
    """`{% static path %}`, remembered per path (`_static_urls`)."""
    url = _static_urls.get(path)
    if url is None:
        url = _static_urls[path] = static(path)
    return url


@receiver(setting_changed)
def _forget_static_urls(*, setting, **kwargs):
    if setting in _STATIC_SETTINGS:
        _static_urls.clear()
