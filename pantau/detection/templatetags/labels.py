from django import template

from pantau.detection.taxonomy import label_name as _label_name

register = template.Library()


@register.filter
def label_name(key: str) -> str:
    """A taxonomy label's human name in the current language (`politik_uang` -> "Politik uang")."""
    return _label_name(key)
