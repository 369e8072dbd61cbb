from django import template

from pantau.evidence.origins import shown_name

register = template.Library()


@register.filter
def evidence_name(item) -> str:
    """An evidence item's name as pages may show it: never a citizen's original file name."""
    return shown_name(item)
