"""API tokens: issued after a password check, stored only as a hash (django-rest-knox), shown once.

A token ends when it expires (PANTAU_TOKEN_DAYS), when its holder or an admin revokes it, and
when its holder is deactivated or given another role: a script keeps no more access than the
person it acts for.
"""

from django.db.models import Q
from django.utils import timezone
from knox.models import AuthToken


def issue_token(user) -> tuple[AuthToken, str]:
    """A new token for `user`: the stored record and the token itself, which is never stored."""
    return AuthToken.objects.create(user=user)


def live_tokens(user):
    """The user's tokens that still work (expiry and creation time only: the secrets are not kept)."""
    return AuthToken.objects.filter(user=user).filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))


def revoke_tokens(user) -> int:
    """End every token of `user`; the number ended."""
    count, _ = AuthToken.objects.filter(user=user).delete()
    return count


def revoke_token(token: AuthToken) -> None:
    token.delete()


def revoke_on_change(sender, instance, raw=False, **kwargs):
    """pre_save of the user model: a deactivated user, or one whose role changes, loses their tokens."""
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values("role", "is_active").first()
    if before is None:
        return
    if before["role"] != instance.role or (before["is_active"] and not instance.is_active):
        revoke_tokens(instance)
