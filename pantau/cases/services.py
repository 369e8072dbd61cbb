"""Case handling: every change goes through here so the timeline and the report stay in step."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pantau.audit.log import record
from pantau.evidence.services import add_evidence
from pantau.lib import clock
from pantau.reports import services as report_services

from . import domain
from .models import Case, CaseAttachment, CaseDeadline, CaseEvent

log = logging.getLogger(__name__)


def _next_number() -> str:
    year = timezone.localdate().year
    prefix = f"{settings.PANTAU_REPORT_CODE_PREFIX}-K-{year}-"
    last = Case.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True).first()
    seq = int(last.rsplit("-", 1)[-1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


@transaction.atomic
def open_case(*, user, title, summary="", report=None, violations=(), origin=None) -> Case:
    case = Case.objects.create(
        number=_next_number(),
        origin=origin or (Case.Origin.REPORT if report else Case.Origin.FINDING),
        report=report,
        title=title[:255],
        summary=summary,
        violations=[v for v in violations if v in domain.VIOLATION_BY_LABEL],
        created_by=user,
    )
    CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.OPENED, to_status=case.status, text=title)
    record(user, "case.opened", case, status=case.status, report=report.pk if report else None)
    return case


def open_from_report(report, user) -> Case:
    title = report.reported_name or report.description[:80]
    return open_case(user=user, title=f"{report.pseudonym}: {title}", summary=report.description, report=report)


@transaction.atomic
def move(case, target, user, note="", public_note="", now=None) -> Case:
    """Move a case to `target` if the procedure allows it; starts and meets deadlines on the way."""
    domain.check_transition(case.status, target)
    now = now or timezone.now()
    before = case.status
    case.status = target
    if public_note:
        case.public_note = public_note
    if target in domain.FINAL:
        case.closed_at = now
    case.save()
    CaseEvent.objects.create(
        case=case, actor=user, kind=CaseEvent.Kind.STATUS, from_status=before, to_status=target, text=note
    )
    record(user, "case.status_changed", case, status=target, previous=before)
    local = timezone.localtime(now)
    for rule in domain.DEADLINE_RULES:
        if rule.starts_at == target:
            CaseDeadline.objects.get_or_create(
                case=case, rule=rule.key, defaults={"started_at": now, "due_at": domain.due_date(rule, local)}
            )
        if target in rule.met_by:
            CaseDeadline.objects.filter(case=case, rule=rule.key, met_at__isnull=True).update(met_at=now)
    if case.report_id:
        report_services.set_status(case.report, domain.PUBLIC_STATUS[target], public_note, actor=user)
    return case


@transaction.atomic
def extend(case, rule_key, user, reason) -> CaseDeadline:
    """Use the law's extension (e.g. 2 more days when more information is needed); once per deadline."""
    deadline = CaseDeadline.objects.select_for_update().get(case=case, rule=rule_key)
    rule = domain.RULE_BY_KEY[rule_key]
    if deadline.extended or not rule.extension_days or deadline.met_at:
        raise ValueError("this deadline cannot be extended")
    deadline.extended = True
    deadline.due_at = domain.due_date(rule, timezone.localtime(deadline.started_at), extended=True)
    deadline.warned_at = None
    deadline.save()
    CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.EXTENDED, text=reason)
    record(user, "case.deadline_extended", case, rule=rule_key, due_at=deadline.due_at)
    return deadline


@transaction.atomic
def assign(case, user, *, people=(), agencies=()) -> Case:
    old_people = set(case.assignees.values_list("pk", flat=True))
    case.assignees.set(people)
    case.agencies.set(agencies)
    names = ", ".join([str(p) for p in people] + [str(a) for a in agencies]) or "—"
    CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.ASSIGNED, text=names)
    new = [p for p in people if p.pk not in old_people and p.email]
    if new:
        transaction.on_commit(lambda: _mail_assigned(case, new))
    return case


def add_note(case, user, text) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.NOTE, text=text)


@transaction.atomic
def record_outcome(case, user, outcome, public_note, violations) -> Case:
    case.outcome = outcome
    case.violations = [v for v in violations if v in domain.VIOLATION_BY_LABEL]
    note_changed = public_note != case.public_note
    case.public_note = public_note
    case.save()
    CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.OUTCOME, text=outcome)
    record(user, "case.outcome_recorded", case, outcome=outcome, violations=case.violations)
    if note_changed and public_note and case.report_id:
        report_services.set_status(case.report, domain.PUBLIC_STATUS[case.status], public_note, actor=user)
    return case


@transaction.atomic
def attach(case, user, upload) -> CaseAttachment:
    item = add_evidence(upload, original_name=upload.name, user=user, captured_from=f"case {case.number}")
    attachment = CaseAttachment.objects.create(case=case, evidence=item, added_by=user)
    CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.ATTACHED, text=upload.name)
    return attachment


def open_deadlines(cases=None, now=None):
    """Deadlines not met yet, soonest first, each with its state (running, due_soon, overdue)."""
    now = now or timezone.now()
    rows = CaseDeadline.objects.filter(met_at__isnull=True).select_related("case")
    if cases is not None:
        rows = rows.filter(case__in=cases)
    result = []
    for deadline in rows.order_by("due_at"):
        rule = deadline.rule_def
        if rule is None:
            continue
        deadline.state = domain.deadline_state(deadline.due_at, now, rule.warn_days, False)
        deadline.hours_left = int((deadline.due_at - now).total_seconds() // 3600)
        result.append(deadline)
    return result


class WarningsNotSent(Exception):
    """Some deadline warnings could not be e-mailed; they are tried again at the next run."""


def warn(now=None) -> int:
    """E-mail the assignees of every deadline that is due soon or overdue and not warned yet.

    A warning the mail server refuses stays unsent and is tried again next
    time; the others still go. Raises WarningsNotSent after the run if any failed.
    """
    now = now or timezone.now()
    sent, failures = 0, []
    for deadline in open_deadlines(now=now):
        if deadline.state == "running" or deadline.warned_at:
            continue
        case = deadline.case
        recipients = [u.email for u in case.assignees.all() if u.email]
        if recipients:
            try:
                send_mail(*_warning_mail(deadline), settings.DEFAULT_FROM_EMAIL, recipients)
            except OSError as exc:  # smtplib's errors are OSErrors too
                log.warning("deadline warning for %s not sent: %s", case.number, exc)
                failures.append(f"{case.number}: {exc}")
                continue
            sent += 1
        deadline.warned_at = now
        deadline.save(update_fields=["warned_at"])
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.WARNED, text=", ".join(recipients) or "—")
    if failures:
        raise WarningsNotSent(f"{sent} sent, {len(failures)} not sent (will retry): {'; '.join(failures[:3])}")
    return sent


def _warning_mail(deadline) -> tuple[str, str]:
    case = deadline.case
    with translation.override(settings.LANGUAGE_CODE):
        due = clock.format_with_zone(deadline.due_at)
        subject = _("Deadline for case %(number)s: %(due)s") % {"number": case.number, "due": due}
        body = _("%(rule)s for case %(number)s (%(title)s) is due %(due)s (%(basis)s).") % {
            "rule": deadline.rule_def.name,
            "number": case.number,
            "title": case.title,
            "due": due,
            "basis": deadline.rule_def.basis,
        }
    return subject, f"{body}\n\n{settings.SITE_URL}/kasus/{case.pk}/"


def _mail_assigned(case, people):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are assigned to case %(number)s") % {"number": case.number}
        body = f"{case.title}\n\n{settings.SITE_URL}/kasus/{case.pk}/"
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [p.email for p in people])
    except Exception:
        log.exception("mailing the assignees of %s failed", case.number)
