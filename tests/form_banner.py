"""The error banner of a form page (templates/includes/form_errors.html), as tests read it."""

import re


def banner_links(html):
    """The field ids the page's error banners link to, in order; [] when there is no banner."""
    banners = re.findall(r"<div[^>]*data-error-summary[^>]*>(.*?)</div>", html, flags=re.S)
    return [link for banner in banners for link in re.findall(r'href="#([^"]+)"', banner)]


def field_value(html, field_id):
    """The value="" an <input id=field_id> renders, None when it has none."""
    tag = re.search(rf'<input[^>]*id="{re.escape(field_id)}"[^>]*>', html)
    assert tag, f"no input {field_id}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else None
