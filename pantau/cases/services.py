"""Case handling: every change goes through here so the timeline and the report stay in step."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pantau.audit.log import record
from pantau.evidence.services import add_evidence
from pantau.lib import clock
from pantau.lib.links import absolute_reverse
from pantau.reports import services as report_services

from . import deadlines, domain, registers
from .matching import case_reports
from .models import Case, CaseAttachment, CaseDeadline, CaseEvent, CaseReport

log = logging.getLogger(__name__)


@transaction.atomic
def open_case(
    *, user, title, summary="", report=None, violations=(), origin=None, posts=(), accounts=(), clusters=(), now=None
) -> Case:
    """Open a case; a finding names the posts, accounts and coordination clusters it came from."""
    now = now or timezone.now()
    origin = origin or (Case.Origin.REPORT if report else Case.Origin.FINDING)
    case = Case.objects.create(
        number=registers.allocate(origin, timezone.localtime(now).date()),
        origin=origin,
        report=report,
        title=title[:255],
        summary=summary,
        violations=[v for v in violations if v in domain.VIOLATION_BY_LABEL],
        created_by=user,
    )
    case.posts.set(posts)
    case.accounts.set(accounts)
    case.clusters.set(clusters)
    CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.OPENED, to_status=case.status, text=title)
    record(
        user,
        "case.opened",
        case,
        status=case.status,
        report=report.pk if report else None,
        posts=len(posts),
        accounts=len(accounts),
        clusters=[c.pk for c in clusters],
    )
    if report is not None:
        # The law counts from the day the report reached the office, not from when a case was opened.
        deadline_event(case, deadlines.REPORT_RECEIVED, at=min(report.created_at, now))
    else:
        deadline_event(case, deadlines.FINDING_OPENED, at=now)
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
    if target == domain.REGISTERED and not case.register_number:
        case.register_number = registers.allocate(f"{case.origin}_registered", timezone.localtime(now).date())
        case.registered_at = now
    # Asked before the report's status moves on: can the reporter still add what is missing? (An anonymous
    # report is initial information: there is nobody to ask.)
    incomplete = (
        target == domain.INITIAL_REVIEW
        and case.report_id
        and not case.report.anonymous
        and report_services.can_complete(case.report)
    )
    case.save()
    CaseEvent.objects.create(
        case=case, actor=user, kind=CaseEvent.Kind.STATUS, from_status=before, to_status=target, text=note
    )
    record(user, "case.status_changed", case, status=target, previous=before)
    deadline_event(case, target, at=now)
    if incomplete:
        deadline_event(case, deadlines.REQUIREMENTS_REQUESTED, at=now)
    for report in case_reports(case):
        report_services.set_status(report, domain.public_status(case.origin, target), public_note, actor=user)
    return case


def report_completed(report) -> None:
    """The reporter added to the report: once it meets every requirement they can meet, their clock stops."""
    if all(check.ok for check in report_services.checks_for(report) if check.key != "identity"):
        for case in report.cases.all():
            deadline_event(case, deadlines.REQUIREMENTS_COMPLETED)


def deadline_event(case, event: str, at=None) -> list[CaseDeadline]:
    """Apply an event of the procedure to the case's clocks: meet those it meets, start those it starts.

    `event` is a status or one of deadlines.EVENTS (e.g. deadlines.AGENCY_ANSWERED when the receiving
    agency's answer is recorded). Returns the deadlines it started.
    """
    if event not in deadlines.EVENTS:
        raise ValueError(f"unknown deadline event {event!r}")
    at = at or timezone.now()
    for rule in deadlines.rules_met_by(event):
        meet_deadline(case, rule.key, at=at)
    return [open_deadline(case, rule.key, started=at) for rule in deadlines.rules_started_by(event, case.origin)]


def open_deadline(case, rule_key: str, started=None) -> CaseDeadline:
    """Start the clock of `rule_key` (a key of data/procedure.toml) for the case; once per case and rule."""
    rule = deadlines.RULE_BY_KEY[rule_key]
    started = started or timezone.now()
    deadline, _created = CaseDeadline.objects.get_or_create(
        case=case,
        rule=rule.key,
        defaults={"started_at": started, "due_at": deadlines.due_date(rule, timezone.localtime(started))},
    )
    return deadline


def meet_deadline(case, rule_key: str, at=None) -> int:
    """Mark the clock of `rule_key` met (e.g. the agency answered); 0 when it was not running."""
    running = CaseDeadline.objects.filter(case=case, rule=rule_key, met_at__isnull=True)
    return running.update(met_at=at or timezone.now())


@transaction.atomic
def extend(case, rule_key, user, reason) -> CaseDeadline:
    """Use the law's extension (e.g. 2 more days when more information is needed); once per deadline."""
    deadline = CaseDeadline.objects.select_for_update().get(case=case, rule=rule_key)
    rule = deadlines.RULE_BY_KEY[rule_key]
    if deadline.extended or not rule.extension_days or deadline.met_at:
        raise ValueError("this deadline cannot be extended")
    deadline.extended = True
    deadline.due_at = deadlines.due_date(rule, timezone.localtime(deadline.started_at), extended=True)
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
    if note_changed and public_note:
        for report in case_reports(case):
            report_services.set_status(report, domain.public_status(case.origin, case.status), public_note, actor=user)
    return case


@transaction.atomic
def attach(case, user, upload) -> CaseAttachment:
    item = add_evidence(upload, original_name=upload.name, user=user, captured_from=f"case {case.reference}")
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
        deadline.state = deadlines.deadline_state(deadline.due_at, now, rule.warn_days, False)
        deadline.hours_left = int((deadline.due_at - now).total_seconds() // 3600)
        result.append(deadline)
    return result


def deadline_listing(now=None, include_met=False) -> list[dict]:
    """Every deadline as a row for people: register number, stage, due time in the office's zone, state."""
    now = now or timezone.now()
    rows = CaseDeadline.objects.select_related("case").order_by("due_at", "pk")
    if not include_met:
        rows = rows.filter(met_at__isnull=True)
    listing = []
    for deadline in rows:
        rule = deadline.rule_def
        if rule is None:
            continue
        due = timezone.localtime(deadline.due_at)
        listing.append(
            {
                "number": deadline.case.reference,
                "stage": rule.name,
                "due": f"{due:%Y-%m-%d %H:%M} {due.tzname()}",
                "state": deadlines.deadline_state(deadline.due_at, now, rule.warn_days, deadline.met_at is not None),
                "counting": f"{rule.days} {'working' if rule.working_days else 'calendar'} day(s)",
                "rule": rule.key,
                "title": deadline.case.title,
            }
        )
    return listing


class WarningsNotSent(Exception):
    """Some deadline warnings could not be e-mailed; they are tried again at the next run."""


def warn(now=None) -> int:
    """Warn of every deadline that is due soon or overdue and not warned yet, once per deadline.

    The assignees (or, when nobody is assigned, the coordinators) get a
    notification in the app and an e-mail. A warning the mail server refuses
    stays unsent and is tried again next time; the others still go. Raises
    WarningsNotSent after the run if any failed.
    """
    now = now or timezone.now()
    sent, failures = 0, []
    for deadline in open_deadlines(now=now):
        if deadline.state == "running" or deadline.warned_at:
            continue
        case = deadline.case
        people = _warned_people(case)
        recipients = [u.email for u in people if u.email]
        subject, body = _warning_mail(deadline)
        if recipients:
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            except OSError as exc:  # smtplib's errors are OSErrors too
                log.warning("deadline warning for %s not sent: %s", case.reference, exc)
                failures.append(f"{case.reference}: {exc}")
                continue
            sent += 1
        _notify_in_app(deadline, people, subject, body)
        deadline.warned_at = now
        deadline.save(update_fields=["warned_at"])
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.WARNED, text=", ".join(recipients) or "—")
    if failures:
        raise WarningsNotSent(f"{sent} sent, {len(failures)} not sent (will retry): {'; '.join(failures[:3])}")
    return sent


def _warned_people(case):
    from pantau.people.models import User
    from pantau.people.roles import DECIDER_ROLES

    people = [u for u in case.assignees.all() if u.is_active]
    return people or list(User.objects.filter(role__in=DECIDER_ROLES, is_active=True))


def _notify_in_app(deadline, people, subject, body):
    from pantau.dashboards.alerts import notify

    url = reverse("cases:detail", args=[deadline.case_id])
    # The key holds the due time, so an extended deadline is warned of again, and a re-run warns no one twice.
    key = f"case-deadline:{deadline.pk}:{deadline.due_at:%Y%m%d%H%M}"
    for person in people:
        notify(person, subject, body.split("\n\n", 1)[0], url, key, email=False)


def _warning_mail(deadline) -> tuple[str, str]:
    case = deadline.case
    with translation.override(settings.LANGUAGE_CODE):
        due = clock.format_with_zone(deadline.due_at)
        subject = _("Deadline for case %(number)s: %(due)s") % {"number": case.reference, "due": due}
        body = _("%(rule)s for case %(number)s (%(title)s) is due %(due)s (%(basis)s).") % {
            "rule": deadline.rule_def.name,
            "number": case.reference,
            "title": case.title,
            "due": due,
            "basis": deadline.rule_def.basis,
        }
    return subject, f"{body}\n\n{absolute_reverse('cases:detail', args=[case.pk])}"


def _mail_assigned(case, people):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are assigned to case %(number)s") % {"number": case.reference}
        body = f"{case.title}\n\n{absolute_reverse('cases:detail', args=[case.pk])}"
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [p.email for p in people])
    except Exception:
        log.exception("mailing the assignees of %s failed", case.reference)


@transaction.atomic
def join_report(case, report, user) -> CaseReport:
    """Handle `report` within `case`: its posts and accounts join the case's, the reporter hears of it."""
    from .matching import report_keys

    link, _created = CaseReport.objects.update_or_create(
        case=case, report=report, defaults={"decision": CaseReport.Decision.JOINED, "decided_by": user}
    )
    keys = report_keys(report)
    case.posts.add(*[pk for pk in keys.posts if pk])
    case.accounts.add(*[pk for pk in keys.accounts if pk])
    # What is stored for the file and for the reporter is in the office's language, whoever clicked.
    with translation.override(settings.LANGUAGE_CODE):
        text = _("The report of %(who)s is joined to this case.") % {"who": report.pseudonym}
        note = _(
            "Your report is handled together with case %(number)s, which is about the same matter. "
            "Its progress is shown here."
        ) % {"number": case.reference}
    CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.JOINED, text=text)
    record(user, "case.report_joined", case, report=report.pk)
    report_services.set_status(report, domain.public_status(case.origin, case.status), note, actor=user)
    return link


@transaction.atomic
def keep_apart(case, report, user) -> CaseReport:
    """The report is not about what the case handles: it is proposed for the case no more."""
    link, _created = CaseReport.objects.update_or_create(
        case=case, report=report, defaults={"decision": CaseReport.Decision.KEPT_APART, "decided_by": user}
    )
    with translation.override(settings.LANGUAGE_CODE):
        text = _("The report of %(who)s is kept apart from this case.") % {"who": report.pseudonym}
        note = _("Your report is handled on its own, apart from other cases.")
    CaseEvent.objects.create(case=case, actor=user, kind=CaseEvent.Kind.JOINED, text=text)
    record(user, "case.report_kept_apart", case, report=report.pk)
    report_services.set_status(report, report.status, note, actor=user)
    return link
