"""Reports: filing, completing, linking, status changes and the reporter's identity."""

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone

from pantau.audit.log import record
from pantau.core.seams import seams
from pantau.evidence.origins import public_report_origin
from pantau.evidence.services import add_evidence, keep_bytes
from pantau.lib.urls import commented_post, normalize_url

from . import crypto, requirements
from .codes import new_code
from .models import IdentityAccessLog, Report, ReportAttachment, ReportLink, ReportUpdate

IDENTITY_FIELDS = ("name", "address", "phone", "email", "nik")
TERMINAL = {Report.Status.CLOSED}


def local_today():
    return timezone.localdate()


def split_links(text: str) -> list[str]:
    return [line.strip() for line in (text or "").replace(",", "\n").splitlines() if line.strip()][:20]


def file_report(data: dict, files, *, ip: str) -> Report:
    """Store a report from the public form's cleaned data; evidence goes to the evidence store."""
    return save_report(prepare_report(data, files), ip=ip)


@dataclass
class PreparedReport:
    """A report read, its evidence bytes stored and its links matched, not yet written."""

    data: dict
    identity: dict
    anonymous: bool
    files: list = dataclass_field(default_factory=list)  # (upload, KeptBytes)
    links: list = dataclass_field(default_factory=list)  # unsaved ReportLink rows


def prepare_report(data: dict, files) -> PreparedReport:
    """Everything filing needs that takes no write lock: the evidence bytes hashed into the store and
    the links matched against posts and accounts, so that save_report's transaction stays short."""
    anonymous = bool(data.get("anonymous"))
    identity = {k: "" if anonymous else (data.get(k) or "").strip() for k in IDENTITY_FIELDS}
    kept = [(upload, keep_bytes(upload)) for upload in files]
    return PreparedReport(data, identity, anonymous, kept, matched_links(split_links(data.get("reported_links", ""))))


@transaction.atomic(savepoint=False)  # the caller's transaction, when there is one: nothing here is retried
def save_report(prepared: PreparedReport, *, ip: str) -> Report:
    """Write the report, its evidence (item, chain entry, audit record), links and first status together.

    Callers may write more in the same transaction (the rate-limit counts): one commit per report.
    """
    data = prepared.data
    report = None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    code=new_code(settings.PANTAU_REPORT_CODE_PREFIX),
                    anonymous=prepared.anonymous,
                    identity_token=crypto.encrypt_json(prepared.identity) if any(prepared.identity.values()) else "",
                    has_email=bool(prepared.identity["email"]),
                    reported_name=data.get("reported_name", ""),
                    reported_links=split_links(data.get("reported_links", "")),
                    description=data["description"],
                    occurred_on=data.get("occurred_on"),
                    known_on=data.get("known_on"),
                    kecamatan=data.get("kecamatan"),
                    place_detail=data.get("place_detail", ""),
                    consent_at=timezone.now(),
                    **_sorted_on_filing(prepared, data),
                )
            break
        except IntegrityError:  # a code collision: astronomically rare, try another
            continue
    if report is None:
        raise RuntimeError("no unused receipt code after five tries")
    _attach_kept(report, prepared.files, ip=ip)
    for link in prepared.links:
        link.report = report
    ReportLink.objects.bulk_create(prepared.links)
    ReportUpdate.objects.create(report=report, status=report.status)
    from .notify import send_receipt

    transaction.on_commit(lambda: send_receipt(report))
    return report


def _sorted_on_filing(prepared: PreparedReport, data: dict) -> dict:
    """The kind and status a new report is filed with (see _sort), judged before it is written."""
    checks = _checks(
        prepared.anonymous,
        prepared.identity,
        reported=bool(data.get("reported_name") or split_links(data.get("reported_links", ""))),
        occurred_on=data.get("occurred_on"),
        known_on=data.get("known_on"),
        place=data.get("kecamatan") is not None,
        description=data["description"],
        evidence_count=len(prepared.files),
        today=local_today(),
        filed_on=local_today(),
    )
    reasons = requirements.information_reasons(checks)
    if not reasons:
        return {}
    return {"kind": Report.Kind.INFORMATION, "kind_reasons": reasons, "status": Report.Status.INFORMATION}


def filed_on(report):
    """The day the report reached the office, in its zone: the reporting window is judged on it."""
    return timezone.localdate(report.created_at) if report.created_at else local_today()


def _sort(report) -> bool:
    """Sort the report as the regulation does: one that misses a formal requirement is initial information.

    Returns True when this made it initial information. Only a report can become information (when the
    reporter adds a date that shows it was late); nothing turns information back into a report.
    """
    reasons = requirements.information_reasons(checks_for(report))
    if not reasons or report.is_information:
        return False
    report.kind, report.kind_reasons = Report.Kind.INFORMATION, reasons
    report.save(update_fields=["kind", "kind_reasons", "updated_at"])
    return True


def attach_files(report, files, *, ip: str) -> int:
    return _attach_kept(report, [(upload, keep_bytes(upload)) for upload in files], ip=ip)


def _attach_kept(report, kept, *, ip: str) -> int:
    rows = []
    for upload, stored in kept:
        # Neither the file's name nor the address goes into the evidence row, which other pages show.
        item = add_evidence(kept=stored, captured_from=public_report_origin(report.code), images_later=True)
        origin = crypto.encrypt_json({"name": upload.name or "", "ip": ip or ""})
        rows.append(ReportAttachment(report=report, evidence=item, origin_token=origin))
    # The same file twice (or one the report already has) stays one attachment, with its first origin.
    ReportAttachment.objects.bulk_create(rows, ignore_conflicts=True)
    return len(kept)


def link_report(report) -> None:
    """Match the report's links against posts and accounts in Pantau (by normalised URL)."""
    report.links.all().delete()
    links = matched_links(report.reported_links)
    for link in links:
        link.report = report
    ReportLink.objects.bulk_create(links)


def matched_links(urls) -> list[ReportLink]:
    """Unsaved ReportLink rows for these links, each with the post or account it matches."""
    from pantau.intake.models import Post

    links = []
    for url in urls:
        normalized = normalize_url(url)
        if not normalized:
            continue
        # Only posts stored without a url_key (before it existed) need their raw link compared; the
        # url_key index finds those too, so a link matching nothing scans no table.
        posts = Post.objects.only("pk", "url", "url_key", "author_id").order_by()
        found = list(posts.filter(Q(url_key=normalized) | Q(url_key="", url__in={url, normalized}))[:2])
        post = next((p for p in found if p.url_key == normalized), found[0] if found else None)
        if post is None:
            post = _match_by_normal_form(posts.filter(url_key=""), normalized)
        if post is None and (answered := commented_post(normalized)):
            # A comment not imported as a post of its own: the report is about the post it answers.
            post = posts.filter(url_key=answered).first()
        account_id = post.author_id if post else None
        if account_id is None:
            account_id = _matched_account(url, normalized)
        links.append(ReportLink(url=url[:2000], normalized=normalized[:2000], post=post, account_id=account_id))
    return links


def _matched_account(url: str, normalized: str) -> int | None:
    """The account a link names: by its stored URL, else its URL's normal form, else its handle."""
    from pantau.inventory.models import Account

    handle = normalized.rstrip("/").rsplit("/", 1)[-1]
    handle = handle.lower() if handle and "." not in handle else ""
    # Lower() rather than iexact, so the handle is looked up in the account_handle_lower index.
    accounts = Account.objects.alias(handle=Lower("platform_id")).only("pk", "url", "platform_id").order_by()
    by_url_or_handle = Q(url__in={url, normalized}) | (Q(handle=handle) if handle else Q(pk__in=[]))
    found = list(accounts.filter(by_url_or_handle)[:10])
    by_url = next((a for a in found if a.url in (url, normalized)), None)
    account = by_url or _match_by_normal_form(accounts, normalized)
    if account is None and handle:
        account = next((a for a in found if a.platform_id.lower() == handle), None)
    return account.pk if account else None


def _match_by_normal_form(rows, normalized):
    """Stored URLs may not be normalised: compare candidates sharing the last path segment or parameter value
    (a Facebook post's normal form ends in `story.php?story_fbid=<id>`)."""
    tail = re.split(r"[/=]", normalized.rstrip("/"))[-1]
    if not tail:
        return None
    for obj in rows.filter(url__icontains=tail)[:50]:
        if normalize_url(obj.url) == normalized:
            return obj
    return None


def related_reports(report):
    """Reports about the same thing: a shared normalised link or the same matched account."""
    links = list(report.links.all())
    urls = {link.normalized for link in links}
    accounts = {link.account_id for link in links if link.account_id}
    if not urls and not accounts:
        return Report.objects.none()
    return (
        Report.objects.filter(Q(links__normalized__in=urls) | Q(links__account_id__in=accounts))
        .exclude(pk=report.pk)
        .distinct()
    )


def with_evidence_count(reports):
    """Reports fetched with their number of files, so the pages that show them and check them count once."""
    return reports.annotate(evidence_count=Count("attachments"))


def evidence_count(report) -> int:
    """How many files the report has: as fetched by with_evidence_count, else counted now."""
    counted = getattr(report, "evidence_count", None)
    return report.attachments.count() if counted is None else counted


def checks_for(report, today=None):
    return _checks(
        report.anonymous,
        identity_for_system(report),
        reported=bool(report.reported_name or report.reported_links),
        occurred_on=report.occurred_on,
        known_on=report.known_on,
        place=report.kecamatan_id is not None,
        description=report.description,
        evidence_count=evidence_count(report),
        today=today or local_today(),
        filed_on=filed_on(report),
    )


def _checks(anonymous, identity, **facts):
    return requirements.check_report(
        anonymous=anonymous,
        has_name=bool(identity.get("name")),
        has_address=bool(identity.get("address")),
        has_contact=bool(identity.get("phone") or identity.get("email")),
        **facts,
    )


def window_open(report, today=None) -> bool:
    """Whether the reporting window still runs (or cannot be known yet, the date being missing)."""
    left = requirements.days_left(report.known_on, today or local_today())
    return left is None or left >= 0


def can_complete(report, today=None) -> bool:
    """The reporter may add a missing material requirement (or the date they learnt of it) while the
    reporting window runs. Initial information cannot be completed: what it misses cannot be added."""
    if report.is_information or report.status not in (Report.Status.RECEIVED, Report.Status.IN_REVIEW):
        return False
    return bool(requirements.to_complete(checks_for(report, today))) and window_open(report, today)


@transaction.atomic
def complete_report(report, data: dict, files, *, ip: str) -> Report:
    """Add what the reporter supplied later; nothing they sent before is overwritten with blanks."""
    if data.get("more_description"):
        stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        report.description = f"{report.description}\n\n[{stamp}] {data['more_description']}"
    if data.get("reported_name") and not report.reported_name:
        report.reported_name = data["reported_name"]
    new_links = split_links(data.get("reported_links", ""))
    if new_links:
        report.reported_links = list(dict.fromkeys([*report.reported_links, *new_links]))
    for field in ("occurred_on", "known_on", "kecamatan"):
        if data.get(field) and not getattr(report, field):
            setattr(report, field, data[field])
    report.save()
    attach_files(report, files, ip=ip)
    if new_links:
        link_report(report)
    if _sort(report) and report.status == Report.Status.RECEIVED:  # the date they added shows it came too late
        set_status(report, Report.Status.INFORMATION)
    seams.report_completed.notify(report)
    return report


def identity_for_system(report) -> dict:
    """The decrypted identity for Pantau's own use (checks, notifications); never shown through this."""
    return crypto.decrypt_json(report.identity_token) if report.identity_token else {}


def reveal_identity(report, user, via="page") -> dict:
    """The identity for a person who may see it, logged. Callers check the role first (access.py)."""
    IdentityAccessLog.objects.create(report=report, user=user, via=via)
    record(user, "report.identity_viewed", report, via=via)
    return identity_for_system(report)


def attachment_origins(report) -> list[dict]:
    """Each file's original name and the address it came from, for the identity page only.

    Files stored before origins were kept encrypted have them in the evidence row instead.
    """
    rows = []
    for attachment in report.attachments.select_related("evidence"):
        item = attachment.evidence
        origin = crypto.decrypt_json(attachment.origin_token) if attachment.origin_token else {}
        rows.append(
            {
                "sha256": item.sha256,
                "name": origin.get("name") or item.original_name,
                "from": origin.get("ip") or item.captured_from,
            }
        )
    return rows


def set_status(report, status, public_note="", *, notify=True, actor=None):
    """Move the report's public status; the reporter hears of it when they left an e-mail."""
    changed = report.status != status
    if not changed and not public_note:
        return None
    record(actor, "report.status_changed", report, status=status, previous=report.status)
    report.status = status
    if status in TERMINAL and report.closed_at is None:
        report.closed_at = timezone.now()
    report.save(update_fields=["status", "closed_at", "updated_at"])
    update = ReportUpdate.objects.create(report=report, status=status, public_note=public_note)
    if notify:
        from .notify import notify_reporter

        transaction.on_commit(lambda: notify_reporter(report, update))
    return update


def purge_identities(now=None) -> int:
    """Erase identities of reports closed longer ago than the retention period."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PANTAU_IDENTITY_RETENTION_DAYS)
    due = Report.objects.filter(closed_at__lt=cutoff, identity_erased_at__isnull=True)
    ReportAttachment.objects.filter(report__in=due).update(origin_token="")
    return due.update(identity_token="", has_email=False, identity_erased_at=now)


def rotate_keys() -> int:
    count = 0
    for report in Report.objects.exclude(identity_token="").only("pk", "identity_token").iterator():
        Report.objects.filter(pk=report.pk).update(identity_token=crypto.rotate(report.identity_token))
        count += 1
    for attachment in ReportAttachment.objects.exclude(origin_token="").only("pk", "origin_token").iterator():
        ReportAttachment.objects.filter(pk=attachment.pk).update(origin_token=crypto.rotate(attachment.origin_token))
    return count
