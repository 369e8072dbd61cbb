from django import template

from pantau.core.nav import menu_for
from pantau.lib.urls import safe_href

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    return menu_for(context["request"].user)


@register.filter
def href(url):
    """An outside link fit for an href ('' for javascript:, data: and other schemes): every template
    that links to a URL it did not build itself passes it through this filter."""
    return safe_href(url)
