"""`{{ amount|rupiah }}` → "Rp 1.250.000": money the way the regency writes it, in any UI language.

Budgets are copied into official letters and the national form, so the figure keeps the
Indonesian grouping even on the English interface.
"""

from django import template

register = template.Library()


@register.filter
def rupiah(value):
    if value is None or value == "":
        return "—"
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return value
    sign = "-" if amount < 0 else ""
    return f"Rp {sign}{abs(amount):,}".replace(",", ".")
