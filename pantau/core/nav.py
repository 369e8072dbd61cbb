"""The main menu, built from the apps' `menu` contributions (pantau.core.seams).

An entry is shown only to the roles that may open it, so the menu never
offers a page that would answer 403: those roles are the ones the view
itself declares with `role_required` (people/access.py sets them on the view
as `allowed_roles`), so they are written once, on the view. An entry may name
a badge, `fn(user) -> int`, whose number is shown beside the label unless it
is 0; the menu is on every page, so a badge must cost one cheap query at most.
"""

from functools import cache

from django.urls import resolve, reverse

from pantau.people.roles import has_role

from .seams import SeamError, seams


@cache
def view_roles(url_name: str) -> frozenset:
    """The roles the view behind `url_name` lets in (its role_required declaration)."""
    roles = getattr(resolve(reverse(url_name)).func, "allowed_roles", None)
    if roles is None:
        raise SeamError(f"menu entry {url_name!r}: its view declares no roles (role_required), and the entry none")
    return roles


def menu_for(user):
    """(url, label, badge number or 0) for each entry the user may open."""
    entries = sorted(seams.menu, key=lambda entry: entry.order)
    return [
        (reverse(entry.value), entry.label, entry.badge(user) if entry.badge else 0)
        for entry in entries
        if has_role(user, entry.roles or view_roles(entry.value))
    ]
