from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pantau.outreach import services
from pantau.outreach.effect import weekly_flagged
from pantau.outreach.models import Commitment, OutsideInvitation
from tests.reports.conftest import jpeg_bytes

from .conftest import PHONE


def test_it_proposes_the_admins_of_flagged_groups_and_invites_the_ticked_ones(
    client_for, coordinator, meeting, admin_role
):
    client = client_for(coordinator)
    page = client.get(reverse("pokja:detail", args=[meeting.pk])).content.decode()
    assert f'value="role:{admin_role.pk}"' in page and "Rudi Admin" in page
    client.post(reverse("outreach:meeting_invite", args=[meeting.pk]), {"invitee": [f"role:{admin_role.pk}"]})
    invitation = meeting.outside_invitations.get()
    assert invitation.person.name == "Rudi Admin" and invitation.group == admin_role.group
    assert invitation.status == OutsideInvitation.Status.INVITED
    assert invitation.person.ties.filter(group=admin_role.group, role="admin").exists()


def test_it_ignores_forged_proposal_keys(client_for, coordinator, meeting, db):
    response = client_for(coordinator).post(
        reverse("outreach:meeting_invite", args=[meeting.pk]), {"invitee": ["role:999", "person:x:1", "junk"]}
    )
    assert response.status_code == 302 and not meeting.outside_invitations.exists()


def test_it_records_attendance_and_representation_when_the_meeting_is_held(client_for, coordinator, meeting, invited):
    client_for(coordinator).post(
        reverse("pokja:hold", args=[meeting.pk]),
        {"minutes": "Rudi Admin diwakili.", f"outside-{invited.pk}": "represented", f"outside-{invited.pk}-by": "Adik"},
    )
    invited.refresh_from_db()
    assert invited.status == "represented" and invited.represented_by == "Adik"


def test_it_asks_who_represented_the_invitee(invited):
    with pytest.raises(services.OutreachError, match="Rudi Admin"):
        services.set_status(invited, "represented", "")


def test_it_closes_a_commitment_with_a_screenshot_and_tells_the_coordinators(
    client_for, analyst, coordinator, meeting, invited, django_capture_on_commit_callbacks
):
    from pantau.dashboards.models import Notification

    commitment = services.add_commitment(meeting, invited.person, "Menghapus postingan X", analyst, invited.group)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(analyst).post(
            reverse("outreach:commitment_close", args=[commitment.pk]),
            {"outcome": "kept", "note": "Sudah dihapus.", "screenshot": SimpleUploadedFile("bukti.jpg", jpeg_bytes())},
        )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.KEPT and commitment.evidence is not None
    assert Notification.objects.filter(user=coordinator, key=f"commitment:{commitment.pk}:closed").exists()


def test_it_refuses_a_kept_commitment_without_evidence(client_for, analyst, meeting, invited):
    commitment = services.add_commitment(meeting, invited.person, "Menghapus postingan X", analyst, invited.group)
    response = client_for(analyst).post(
        reverse("outreach:commitment_close", args=[commitment.pk]), {"outcome": "kept", "note": "Katanya sudah."},
        follow=True,
    )  # fmt: skip
    commitment.refresh_from_db()
    assert commitment.status == "open" and "bukti" in response.content.decode()


def test_it_refuses_a_file_that_is_not_an_image_as_a_screenshot(client_for, analyst, meeting, invited):
    commitment = services.add_commitment(meeting, invited.person, "Menghapus postingan X", analyst, invited.group)
    client_for(analyst).post(
        reverse("outreach:commitment_close", args=[commitment.pk]),
        {"outcome": "kept", "note": "x", "screenshot": SimpleUploadedFile("a.jpg", b"MZ not an image")},
    )
    commitment.refresh_from_db()
    assert commitment.status == "open"


def test_it_counts_flagged_posts_per_week_before_and_after_the_meeting(flagged_group):
    from pantau.detection.models import Classification
    from pantau.intake.models import Post

    meeting_day = date(2024, 11, 1)
    for n, (days, severity) in enumerate([(-10, 2), (-9, 2), (-3, 0), (2, 1), (3, 0), (9, 0)]):
        when = datetime(2024, 11, 1, 5, tzinfo=UTC) + timedelta(days=days)
        post = Post.objects.create(
            platform="facebook", natural_key=f"facebook:p{n}", group=flagged_group, text="x", posted_at=when
        )
        Classification.objects.create(post=post, severity=severity, model_version="t")
    effect = weekly_flagged(Post.objects.filter(group=flagged_group), meeting_day, weeks=2,
                            now=datetime(2024, 11, 30, tzinfo=UTC))  # fmt: skip
    assert [(w.posts, w.flagged, w.after) for w in effect.weeks] == [
        (2, 2, False), (1, 0, False), (2, 1, True), (1, 0, True)
    ]  # fmt: skip
    assert effect.before == (2, 3, 2) and effect.after == (1, 3, 2)


def test_it_leaves_out_weeks_that_have_not_begun(flagged_group):
    from pantau.intake.models import Post

    effect = weekly_flagged(Post.objects.none(), date(2024, 11, 1), weeks=4, now=datetime(2024, 11, 2, tzinfo=UTC))
    assert [w.after for w in effect.weeks] == [False] * 4 + [True]


def test_it_keeps_outside_invitees_off_a_pokja_members_meeting_page(client_for, pokja_member, meeting, invited):
    body = client_for(pokja_member).get(reverse("pokja:detail", args=[meeting.pk])).content.decode()
    assert "Rudi Admin" not in body and PHONE not in body and "outside-invitees" not in body
