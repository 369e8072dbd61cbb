"""Outside people, their invitations and commitments: one function per thing a person does, with history."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.inventory.models import Account, Group, GroupRole

from .models import Commitment, OutsideInvitation, Person, PersonChange, Tie

RECORDED_FIELDS = ("name", "kind", "phone", "email", "address", "notes")
# Roles in a group whose holders the office invites to talk about it.
INVITED_ROLES = (Tie.Role.ADMIN, Tie.Role.MODERATOR, Tie.Role.OWNER)


class OutreachError(ValueError):
    """A request that cannot be carried out: shown to the person as one line."""


def _log(person, user, summary):
    PersonChange.objects.create(person=person, summary=summary, changed_by=user if getattr(user, "pk", None) else None)


@transaction.atomic
def create_person(user, **fields) -> Person:
    person = Person.objects.create(created_by=user if getattr(user, "pk", None) else None, **fields)
    _log(person, user, _("Record created."))
    return person


@transaction.atomic
def update_person(person: Person, user, **fields) -> list[str]:
    """Change the given fields; each change (old and new value) goes into the person's history."""
    changed = []
    for name in RECORDED_FIELDS:
        if name in fields and (fields[name] or "") != (getattr(person, name) or ""):
            changed.append(f"{name}: {getattr(person, name) or '—'} → {fields[name] or '—'}")
            setattr(person, name, fields[name])
    if changed:
        person.save()
        _log(person, user, "\n".join(changed))
    return changed


def account_for(platform: str, handle: str, name="") -> Account:
    """The inventory's account for a handle, made when not imported yet: a handle and a platform are enough."""
    handle = handle.strip().lstrip("@")
    if not handle:
        raise OutreachError(_("Give the account's handle."))
    account, _created = Account.objects.get_or_create(
        platform=platform, platform_id=handle, defaults={"name": name[:255]}
    )
    return account


@transaction.atomic
def add_tie(person, user, role, group=None, account=None, source="") -> Tie:
    if group is None and account is None:
        raise OutreachError(_("Name the group or the account."))
    tie, created = Tie.objects.get_or_create(
        person=person,
        group=group,
        account=account,
        role=role,
        defaults={"source": source[:255], "added_by": user if getattr(user, "pk", None) else None},
    )
    if created:
        _log(
            person,
            user,
            _("%(role)s of %(what)s (source: %(source)s).")
            % {"role": tie.get_role_display(), "what": group or account, "source": source or "—"},
        )
        if group is not None and account is not None and role in (Tie.Role.ADMIN, Tie.Role.MODERATOR):
            # The inventory keeps seeing the account in the group's roles, as it did before people existed.
            GroupRole.objects.get_or_create(
                group=group, account=account, role=role, defaults={"seen_at": timezone.now(), "source": source[:255]}
            )
    return tie


@transaction.atomic
def merge_people(keep: Person, duplicate: Person, user) -> Person:
    """Move everything of `duplicate` onto `keep`; the duplicate remains, pointing at `keep`, for its history."""
    if keep.pk == duplicate.pk:
        raise OutreachError(_("A person cannot be merged with themselves."))
    if duplicate.merged_into_id:
        raise OutreachError(_("That record was already merged."))
    for name in ("phone", "email", "address"):
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
    if duplicate.notes:
        keep.notes = "\n".join(part for part in (keep.notes, duplicate.notes) if part)
    keep.save()
    for tie in duplicate.ties.all():
        exists = keep.ties.filter(group=tie.group, account=tie.account, role=tie.role).exists()
        tie.delete() if exists else Tie.objects.filter(pk=tie.pk).update(person=keep)
    for invitation in duplicate.invitations.all():
        if keep.invitations.filter(meeting=invitation.meeting).exists():
            invitation.delete()
        else:
            OutsideInvitation.objects.filter(pk=invitation.pk).update(person=keep)
    duplicate.commitments.update(person=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    _log(
        keep, user, _("Merged with the duplicate record #%(pk)d (%(name)s).") % {"pk": duplicate.pk, "name": duplicate}
    )
    _log(duplicate, user, _("Merged into #%(pk)d (%(name)s).") % {"pk": keep.pk, "name": keep})
    return keep


def person_from_group_role(role: GroupRole, user) -> Person:
    """The person behind an admin or moderator account the inventory saw in a group (made the first time)."""
    tie = Tie.objects.filter(account=role.account, person__merged_into__isnull=True).select_related("person").first()
    person = tie.person if tie else None
    if person is None:
        kind = Person.Kind.MODERATOR if role.role == GroupRole.Role.MODERATOR else Person.Kind.GROUP_ADMIN
        person = create_person(user, name=role.account.name or role.account.platform_id, kind=kind)
        add_tie(person, user, Tie.Role.ACCOUNT, account=role.account, source=role.source)
    add_tie(person, user, role.role, group=role.group, account=role.account, source=role.source)
    return person


def proposed_invitees(groups) -> list[tuple[Group, list]]:
    """For each group, its admins, moderators and owners: (group, [(key, label, person or None)])."""
    proposals = []
    for group in groups:
        rows, seen_accounts = [], set()
        ties = group.ties.filter(role__in=INVITED_ROLES, person__merged_into__isnull=True).select_related("person")
        for tie in ties:
            if tie.account_id:
                seen_accounts.add(tie.account_id)
            rows.append((f"person:{tie.person_id}:{group.pk}", f"{tie.person} ({tie.get_role_display()})", tie.person))
        roles = group.roles.filter(role__in=(GroupRole.Role.ADMIN, GroupRole.Role.MODERATOR)).select_related("account")
        for role in roles:
            if role.account_id not in seen_accounts:
                rows.append((f"role:{role.pk}", f"{role.account} ({role.get_role_display()})", None))
        unique = list({key: (key, label, person) for key, label, person in rows}.values())
        proposals.append((group, unique))
    return proposals


@transaction.atomic
def invite_proposed(meeting, keys, user, people, groups) -> list[OutsideInvitation]:
    """Invite the checked proposals; `people` and `groups` are what the user may see (keys come from a form)."""
    made = []
    for key in keys:
        kind, *ids = key.split(":")
        if kind == "person" and len(ids) == 2 and all(part.isdigit() for part in ids):
            person, group = people.filter(pk=ids[0]).first(), groups.filter(pk=ids[1]).first()
        elif kind == "role" and len(ids) == 1 and ids[0].isdigit():
            role = GroupRole.objects.filter(pk=ids[0], group__in=groups).select_related("account", "group").first()
            person, group = (person_from_group_role(role, user), role.group) if role else (None, None)
        else:
            person = group = None
        if person is None:
            continue
        made.append(invite(meeting, person, user, group=group))
    return made


def invite(meeting, person, user, group=None) -> OutsideInvitation:
    invitation, created = OutsideInvitation.objects.get_or_create(
        meeting=meeting,
        person=person,
        defaults={"group": group, "created_by": user if getattr(user, "pk", None) else None},
    )
    if created:
        _log(person, user, _("Invited to %(meeting)s.") % {"meeting": meeting})
    return invitation


def set_status(invitation: OutsideInvitation, status: str, represented_by: str = "") -> OutsideInvitation:
    if status not in OutsideInvitation.Status.values:
        raise OutreachError(_("Unknown status."))
    represented_by = represented_by.strip()[:200]
    if status == OutsideInvitation.Status.REPRESENTED and not represented_by:
        raise OutreachError(_("Say who represented %(name)s.") % {"name": invitation.person})
    invitation.status = status
    invitation.represented_by = represented_by if status == OutsideInvitation.Status.REPRESENTED else ""
    invitation.save(update_fields=["status", "represented_by"])
    return invitation


def record_attendance(meeting, data) -> list[str]:
    """Attendance of the outside invitees from the hold form (`outside-<id>` and `outside-<id>-by`)."""
    problems = []
    for invitation in meeting.outside_invitations.select_related("person"):
        status = data.get(f"outside-{invitation.pk}")
        if not status:
            continue
        try:
            set_status(invitation, status, data.get(f"outside-{invitation.pk}-by", ""))
        except OutreachError as exc:
            problems.append(str(exc))
    return problems


def add_commitment(meeting, person, text, user, group=None, due_date=None) -> Commitment:
    text = (text or "").strip()
    if not text:
        raise OutreachError(_("Write what was committed."))
    commitment = Commitment.objects.create(
        meeting=meeting, person=person, group=group, text=text, due_date=due_date, created_by=user
    )
    _log(person, user, _("Commitment at %(meeting)s: %(text)s") % {"meeting": meeting, "text": text})
    return commitment


@transaction.atomic
def close_commitment(commitment: Commitment, user, kept: bool, note: str, evidence_url="", screenshot=None):
    """Close with a note and evidence (a link or a screenshot kept in the evidence store); tell the coordinators."""
    from pantau.evidence.services import add_evidence

    note = (note or "").strip()
    if commitment.status != Commitment.Status.OPEN:
        raise OutreachError(_("This commitment is already closed."))
    if not note:
        raise OutreachError(_("Write how the commitment was checked."))
    if kept and not evidence_url and screenshot is None:
        raise OutreachError(_("A kept commitment needs its evidence: a link or a screenshot."))
    if screenshot is not None:
        commitment.evidence = add_evidence(
            screenshot, original_name=screenshot.name, user=user, source_url=evidence_url,
            captured_from=f"commitment:{commitment.pk}", note=note[:500],
        )  # fmt: skip
    commitment.status = Commitment.Status.KEPT if kept else Commitment.Status.NOT_KEPT
    commitment.closing_note, commitment.evidence_url = note, evidence_url
    commitment.closed_at, commitment.closed_by = timezone.now(), user
    commitment.save()
    _log(
        commitment.person,
        user,
        _("Commitment closed (%(status)s): %(text)s")
        % {"status": commitment.get_status_display(), "text": commitment.text},
    )
    transaction.on_commit(lambda: tell_coordinators(commitment))
    return commitment


def tell_coordinators(commitment: Commitment) -> int:
    from django.urls import reverse

    from pantau.dashboards.alerts import notify
    from pantau.people.models import Role, User

    people = set(User.objects.filter(role=Role.COORDINATOR, is_active=True))
    chair = commitment.meeting.chair
    if chair is not None and chair.is_active:
        people.add(chair)
    title = _("Commitment closed: %(person)s") % {"person": commitment.person}
    body = f"{commitment.text}\n{commitment.get_status_display()}: {commitment.closing_note}"
    url = reverse("outreach:commitments")
    return sum(notify(user, title, body, url, f"commitment:{commitment.pk}:closed") for user in people)
