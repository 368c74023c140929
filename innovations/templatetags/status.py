"""`{% status_badge status label %}`: one workflow status, the same colour and label on every page.

A tag rather than an `{% include %}`: list pages draw one badge per row, and an include renders
a template in a pushed context each time, several times the cost of formatting one `<span>`.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def status_badge(status, label=""):
    return format_html('<span class="status-badge status-{}">{}</span>', status, label or status)
