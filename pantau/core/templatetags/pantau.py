from django import template
from django.template.defaultfilters import date, floatformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

from pantau.core.nav import menu_for
from pantau.inventory.risk import HIGH_RISK, is_high_risk
from pantau.lib import clock
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


@register.filter(expects_localtime=True)
def local_time(value, pattern="j M Y H.i"):
    """A stored time in the office's zone, followed by the zone's name: "28 Mar 2022 10.34 WITA"."""
    if not value:
        return ""
    return clock.with_zone(date(value, pattern))


@register.simple_tag
def zone_name():
    """The office's zone as people name it (clock.zone_name), written after every local time shown."""
    return clock.zone_name()


@register.filter
def risk(score):
    """A risk score as every page shows it, marked when it reaches the one cut (pantau/inventory/risk.py)."""
    if score is None or score == "":
        return ""
    text = floatformat(score, 1)
    if not is_high_risk(float(score)):
        return text
    return format_html('<span class="badge badge-bad" title="{}">{} · {}</span>', risk_note(), text, _("high"))


@register.simple_tag
def risk_note():
    """What the risk scale means, with its cut taken from the constant."""
    return _("Risk 0-100 from the classified posts; %(cut)s or more is high risk.") % {"cut": floatformat(HIGH_RISK)}
