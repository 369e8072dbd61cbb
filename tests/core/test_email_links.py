"""Every flow that sends e-mail links to the office's address, and an outside link as it is.

The office serves at PANTAU_SITE_URL (here with a trailing slash, to catch a
doubled one); every link in every message must open from a mail client.
Password reset is not among the flows: Pantau has none (office IT sets
passwords with `pantau changepassword`).
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from tests.cases.conftest import case, fresh_rate_limits, kecamatan, make_overdue, make_report  # noqa: F401
from tests.dashboards.conftest import posts  # noqa: F401
from tests.mail_links import bad_links_in_messages, links_in, message_texts
from tests.outreach.conftest import flagged_group, invited, person  # noqa: F401
from tests.pokja.conftest import action, flagged_account, meeting  # noqa: F401

SITE = "https://pantau.example.go.id"


@pytest.fixture(autouse=True)
def office_address(settings):
    settings.SITE_URL = SITE + "/"


def sent_links() -> list[str]:
    assert mail.outbox, "no e-mail was sent"
    assert bad_links_in_messages(mail.outbox) == []
    links = []
    for message in mail.outbox:
        found = [link for text in message_texts(message) for link in links_in(text)]
        assert found, f"an e-mail without a link: {message.subject}"
        links += found
    return links


def assert_all_on_the_site(links):
    for link in links:
        assert link.startswith(SITE + "/") and not link.startswith(SITE + "//"), link
        assert urlsplit(link).hostname == "pantau.example.go.id"


def test_it_links_the_reporter_to_the_status_page(analyst, case, django_capture_on_commit_callbacks):  # noqa: F811
    from pantau.cases import domain, services

    with django_capture_on_commit_callbacks(execute=True):
        services.move(case, domain.INITIAL_REVIEW, analyst)
    links = sent_links()
    assert_all_on_the_site(links)
    assert f"{SITE}/lapor/status/?kode={case.report.code}" in links


def test_it_links_the_assignees_to_the_case(analyst, coordinator, case, django_capture_on_commit_callbacks):  # noqa: F811
    from pantau.cases import services

    with django_capture_on_commit_callbacks(execute=True):
        services.assign(case, analyst, people=[coordinator])
    links = sent_links()
    assert_all_on_the_site(links)
    assert f"{SITE}/kasus/{case.pk}/" in links


def test_it_links_the_deadline_warning_to_the_case(analyst, coordinator, case):  # noqa: F811
    from pantau.cases import services

    services.assign(case, analyst, people=[coordinator])
    make_overdue(case, analyst)
    mail.outbox.clear()
    assert services.warn() >= 1
    assert f"{SITE}/kasus/{case.pk}/" in sent_links()


def test_it_links_the_coordinators_to_the_grants(users, django_capture_on_commit_callbacks):
    from pantau.people import grants
    from pantau.people.models import Role

    with django_capture_on_commit_callbacks(execute=True):
        grants.set_role(users["pokja"], Role.ANALYST, by=users["admin"])
    links = sent_links()
    assert_all_on_the_site(links)
    assert f"{SITE}/akun/hak-akses/" in links


def test_it_links_a_closed_commitment_to_the_commitments(analyst, coordinator, meeting, invited):  # noqa: F811
    from pantau.outreach import services

    commitment = services.add_commitment(meeting, invited.person, "Menghapus postingan X", analyst, invited.group)
    services.tell_coordinators(commitment)
    assert_all_on_the_site(sent_links())


def test_it_links_an_action_item_alert_to_its_meeting(action, pokja_member):  # noqa: F811
    from pantau.dashboards.alerts import check_deadlines

    action.due_date = timezone.localdate() + timedelta(days=1)
    action.save()
    check_deadlines()
    links = sent_links()
    assert_all_on_the_site(links)
    assert f"{SITE}/pokja/rapat/{action.meeting_id}/" in links


def test_it_keeps_an_alerted_posts_own_link_as_it_is(analyst, flagged_account, posts):  # noqa: F811
    from pantau.dashboards.alerts import check_alerts_for_posts
    from pantau.dashboards.models import WatchList

    link = "https://www.facebook.com/groups/123/permalink/456/"
    posts[0].url = link
    posts[0].save()
    WatchList.objects.create(name="Akun", owner=analyst).accounts.add(flagged_account)
    check_alerts_for_posts([posts[0].pk])
    assert sent_links() == [link]


def test_it_links_a_digest_to_the_filtered_posts_list(analyst, posts, settings):  # noqa: F811
    from pantau.dashboards.alerts import check_alerts_for_posts
    from pantau.dashboards.models import WatchList

    settings.PANTAU_ALERT_DIGEST_AFTER = 1
    WatchList.objects.create(name="Kata", owner=analyst, keywords="a")
    check_alerts_for_posts([p.pk for p in posts])
    (link,) = sent_links()
    assert link == f"{SITE}/posts/?q=a&from=2024-10-01&to=2024-11-25"
