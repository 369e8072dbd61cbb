"""`{% cases_about obj %}`: the cases about a post, account or cluster, and a way to open a finding from it.

Pages of other apps include it with one line, so they need not know the cases app's models.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from pantau.cases.access import cases_for, may_handle, title_for

register = template.Library()

# The query parameter of cases:new_finding for each kind of object (findings.sources_for).
SOURCE_PARAM = {"post": "post", "account": "account", "cluster": "cluster"}


@register.inclusion_tag("cases/_about.html", takes_context=True)
def cases_about(context, obj):
    user = context["request"].user
    kind = obj._meta.model_name
    about = list(cases_for(user).filter(**{f"{kind}s": obj}).select_related("report").distinct()[:50])
    for case in about:
        case.shown_title = title_for(user, case)
    url = f"{reverse('cases:new_finding')}?{urlencode({SOURCE_PARAM[kind]: obj.pk})}" if may_handle(user) else ""
    return {"about_cases": about, "about_open_url": url}
