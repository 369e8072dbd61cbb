"""The inventory's workflow and relations: each change records who, when and why."""

from django.db import transaction
from django.utils import timezone

from pantau.audit.log import record

from .models import Account, Actor, Group, GroupRole, StatusChange, WatchStatus
from .workflow import WorkflowError, check_move

__all__ = ["WorkflowError", "add_group_role", "change_status", "link_alias"]


@transaction.atomic
def change_status(obj, new_status: str, user, reason: str, override: bool = False) -> StatusChange:
    """Move an account or group to `new_status` along the workflow (inventory/workflow.py), or off it
    when a coordinator overrides; the reason is required and kept in its history and the audit log."""
    if new_status not in WatchStatus.values:
        raise WorkflowError(f"unknown status {new_status!r}")
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError("a reason is required")
    if new_status == obj.status:
        raise WorkflowError("the status is already that")
    old = obj.status
    overridden = check_move(old, new_status, user, override)
    type(obj).objects.filter(pk=obj.pk).update(status=new_status, updated_at=timezone.now())
    obj.status = new_status
    target = {"account": obj} if isinstance(obj, Account) else {"group": obj}
    action = "inventory.status_overridden" if overridden else "inventory.status_changed"
    record(user, action, obj, status=new_status, previous=old, reason=reason)
    return StatusChange.objects.create(old_status=old, new_status=new_status, reason=reason, changed_by=user, **target)


MAX_BULK = 500


def change_status_many(objs, new_status: str, user, reason: str):
    """Move many accounts or groups with one reason, each change recorded and audited as a single one is.

    Returns (changed, refused): the objects moved, and (object, why) for those
    the workflow refused (already in that status, or a move it does not allow).
    """
    if new_status not in WatchStatus.values:
        raise WorkflowError(f"unknown status {new_status!r}")
    if not (reason or "").strip():
        raise WorkflowError("a reason is required")
    changed, refused = [], []
    for obj in objs:
        try:
            change_status(obj, new_status, user, reason)
        except WorkflowError as exc:
            refused.append((obj, str(exc)))
        else:
            changed.append(obj)
    return changed, refused


def add_group_role(group: Group, account: Account, role: str, user, source="", seen_at=None) -> GroupRole:
    entry, _ = GroupRole.objects.update_or_create(
        group=group,
        account=account,
        role=role,
        defaults={"seen_at": seen_at or timezone.now(), "source": source[:255], "added_by": user},
    )
    return entry


@transaction.atomic
def link_alias(account: Account, other: Account, user, actor_name="") -> Actor:
    """Tie two accounts to one actor (creating it, or merging the other's actor into this one)."""
    actor = account.actor or other.actor
    if actor is None:
        actor = Actor.objects.create(name=actor_name or account.name or account.platform_id, created_by=user)
    for acc in (account, other):
        if acc.actor_id and acc.actor_id != actor.pk:
            Account.objects.filter(actor_id=acc.actor_id).update(actor=actor)
        acc.actor = actor
        acc.save(update_fields=["actor"])
    return actor
