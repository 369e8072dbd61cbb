from django import template

from pantau.core.nav import menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    return menu_for(context["request"].user)
