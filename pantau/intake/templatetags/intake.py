"""`{% posts_of obj %}`: an account's or a group's posts (and an account's evidence), for the inventory's pages.

The inventory's pages include it with one line, so the inventory need not
import intake (which imports the inventory: a post has an author and a group).
"""

from collections.abc import Iterable

from django import template

from pantau.core.paging import paginate
from pantau.intake.access import posts_for
from pantau.intake.models import PostEvidence

register = template.Library()

POSTS_PER_PAGE = 25
EVIDENCE_SHOWN = 50


@register.inclusion_tag("intake/_posts_of.html", takes_context=True)
def posts_of(context, obj):
    request = context["request"]
    kind = obj._meta.model_name
    field = "author" if kind == "account" else "group"
    posts = posts_for(request.user).filter(**{field: obj}).select_related("author", "group").order_by("-posted_at")
    evidence: Iterable[PostEvidence] = ()
    if kind == "account":
        evidence = PostEvidence.objects.filter(post__author=obj).select_related("item", "post")[:EVIDENCE_SHOWN]
    return {
        "request": request,
        "posts": paginate(request, posts, POSTS_PER_PAGE),
        "evidence": evidence,
        "of_account": kind == "account",
    }
