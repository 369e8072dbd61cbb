"""One case, many reports: a report about the same post, link or account as an open case is proposed for it.

Links are compared in their normal form (pantau/lib/urls.py: a report's
ReportLink.normalized, a post's url_key), accounts by the account a link
matched. A handler then joins the report to the case or keeps it apart
(services.join_report / keep_apart); either choice ends the proposal.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from pantau.reports.models import Report, ReportLink

from . import domain
from .access import cases_for
from .models import Case, CaseReport


@dataclass
class Keys:
    urls: set = field(default_factory=set)
    posts: set = field(default_factory=set)
    accounts: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.urls or self.posts or self.accounts)


def report_keys(report) -> Keys:
    keys = Keys()
    for link in report.links.all():
        keys.urls.add(link.normalized)
        keys.posts.update([link.post_id] if link.post_id else [])
        keys.accounts.update([link.account_id] if link.account_id else [])
    return keys


def case_reports(case) -> list[Report]:
    """The case's own report and the reports joined to it: everyone who hears of the case's progress."""
    joined = Report.objects.filter(case_links__case=case, case_links__decision=CaseReport.Decision.JOINED)
    return ([case.report] if case.report_id else []) + list(joined.exclude(pk=case.report_id).order_by("pk"))


def case_keys(case) -> Keys:
    keys = Keys()
    for post in case.posts.all().only("pk", "url_key", "author_id"):
        keys.posts.add(post.pk)
        keys.urls.update([post.url_key] if post.url_key else [])
        keys.accounts.update([post.author_id] if post.author_id else [])
    keys.accounts.update(case.accounts.values_list("pk", flat=True))
    for report in case_reports(case):
        other = report_keys(report)
        keys.urls |= other.urls
        keys.posts |= other.posts
        keys.accounts |= other.accounts
    keys.urls.discard("")
    return keys


def _decided(report) -> bool:
    """A report with a case of its own, or already joined to one, is proposed no further."""
    return report.cases.exists() or report.case_links.filter(decision=CaseReport.Decision.JOINED).exists()


def reasons(report_side: Keys, case_side: Keys) -> list[str]:
    from pantau.intake.models import Post
    from pantau.inventory.models import Account

    found = [_("link %(url)s") % {"url": url} for url in sorted(report_side.urls & case_side.urls)]
    shared_posts = (report_side.posts & case_side.posts) - {None}
    found += [_("post %(post)s") % {"post": post} for post in Post.objects.filter(pk__in=shared_posts)[:5]]
    shared_accounts = Account.objects.filter(pk__in=report_side.accounts & case_side.accounts)
    found += [_("account %(account)s") % {"account": account} for account in shared_accounts]
    return found


def proposed_cases(report, user) -> list[tuple[Case, list[str]]]:
    """Open cases `user` may see that are about what `report` names, each with the shared links and accounts."""
    keys = report_keys(report)
    if not keys or _decided(report):
        return []
    match = (
        Q(posts__in=keys.posts)
        | Q(posts__url_key__in=keys.urls)
        | Q(posts__author__in=keys.accounts)
        | Q(accounts__in=keys.accounts)
        | Q(report__links__normalized__in=keys.urls)
        | Q(report__links__account__in=keys.accounts)
        | Q(report_links__decision=CaseReport.Decision.JOINED, report_links__report__links__normalized__in=keys.urls)
    )
    candidates = (
        cases_for(user)
        .filter(match)
        .exclude(status__in=domain.FINAL)
        .exclude(report_links__report=report)
        .distinct()
        .order_by("-created_at")[:20]
    )
    proposals = []
    for case in candidates:
        found = reasons(keys, case_keys(case))
        if found:
            proposals.append((case, found))
    return proposals


def proposed_reports(case) -> list[tuple[Report, list[str]]]:
    """Reports not yet decided on that name what the open `case` is about, each with the shared links and accounts."""
    if case.status in domain.FINAL:
        return []
    keys = case_keys(case)
    if not keys:
        return []
    links = ReportLink.objects.filter(
        Q(normalized__in=keys.urls) | Q(post__in=keys.posts) | Q(account__in=keys.accounts)
    )
    candidates = (
        Report.objects.filter(pk__in=links.values("report_id"))
        .exclude(pk=case.report_id)
        .exclude(case_links__case=case)
        .exclude(status=Report.Status.CLOSED)
        .order_by("created_at")[:50]
    )
    proposals = []
    for report in candidates:
        if _decided(report):
            continue
        found = reasons(report_keys(report), keys)
        if found:
            proposals.append((report, found))
    return proposals
