"""The seed's follow-up in a real browser: from a flagged group to its admin with a phone number, an
invitation, the meeting held with attendance and minutes naming the admin, a commitment closed with a
screenshot, and the group's page counting its flagged posts before and after."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.browser.test_pokja import csp_violations, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "0812-5555-0101"


@pytest.fixture
def flagged_group(db):
    from pantau.detection.models import Classification
    from pantau.intake.models import Post
    from pantau.inventory.models import Group

    group = Group.objects.create(
        platform="facebook", platform_id="suara-ampah", name="Suara Ampah", status="ditandai", risk_score=85
    )
    meeting_day = datetime(2024, 11, 1, 2, tzinfo=UTC)
    for n, (days, severity) in enumerate([(-6, 3), (-5, 2), (-4, 2), (-2, 0), (3, 1), (4, 0)]):
        post = Post.objects.create(
            platform="facebook", natural_key=f"facebook:b{n}", group=group, text="Postingan grup",
            posted_at=meeting_day + timedelta(days=days),
        )  # fmt: skip
        Classification.objects.create(post=post, severity=severity, model_version="uji")
    return group


@pytest.fixture
def meeting(db, coordinator):
    from pantau.pokja.models import Meeting

    return Meeting.objects.create(
        title="Rapat Lanjutan bersama Admin Grup", starts_at=datetime(2024, 11, 1, 2, tzinfo=UTC),
        mode="in_person", place="Kantor Bawaslu Barito Timur", chair=coordinator,
    )  # fmt: skip


def test_it_follows_a_flagged_group_from_its_admin_to_the_effect_of_the_meeting(
    page, login_as, coordinator, flagged_group, meeting, tmp_path
):
    from pantau.outreach.models import Commitment, OutsideInvitation
    from tests.reports.conftest import jpeg_bytes

    login_as(coordinator)
    page.goto(f"/inventaris/grup/{flagged_group.pk}/")
    with page.expect_navigation():
        page.locator("#add-person").click()
    page.fill("#id_name", "Rudi Admin")
    page.fill("#id_phone", PHONE)
    page.select_option("#id_tie-role", "admin")
    page.fill("#id_tie-handle", "rudi.admin")
    page.fill("#id_tie-source", "Halaman anggota grup")
    with page.expect_navigation():
        page.locator("#person-form button[type=submit]").click()
    assert PHONE in page.locator("#contact").inner_text()
    assert "Suara Ampah" in page.locator("#ties").inner_text()

    page.goto(f"/pokja/rapat/{meeting.pk}/")
    page.locator("#propose-invitees summary").click()
    page.get_by_label("Rudi Admin (Admin)").check()
    submit(page, "/undang/")
    assert "Rudi Admin" in page.locator("#outside-invitees").inner_text()
    invitation = OutsideInvitation.objects.get(meeting=meeting)

    page.select_option(f"#outside-{invitation.pk}", "attended")
    page.fill("#id_minutes", "Rudi Admin (admin grup Suara Ampah) hadir dan bersedia memoderasi grupnya.")
    submit(page, "/selenggarakan/")
    assert page.locator("#meeting-status").get_attribute("class").endswith("badge-held")
    assert "Rudi Admin" in page.locator(".minutes").inner_text()
    assert "Hadir" in page.locator("#outside-invitees").inner_text()

    page.locator("#commitments summary").click()
    page.select_option("#id_com-person", str(invitation.person_id))
    page.fill("#id_com-text", "Menghapus dua postingan adu domba")
    page.fill("#id_com-due_date", "2024-11-04")
    submit(page, "/komitmen/")
    assert "Menghapus dua postingan adu domba" in page.locator("#commitments").inner_text()

    page.goto("/pihak-luar/komitmen/")
    page.locator("#commitment-list summary").first.click()
    form = page.locator("form[action*='/tutup/']").first
    form.locator("select[name=outcome]").select_option("kept")
    form.locator("textarea[name=note]").fill("Kedua postingan sudah dihapus.")
    form.locator("input[name=evidence_url]").fill("https://www.facebook.com/groups/suara-ampah/permalink/1")
    screenshot = tmp_path / "bukti.jpg"
    screenshot.write_bytes(jpeg_bytes())
    form.locator("input[name=screenshot]").set_input_files(str(screenshot))
    submit(page, "/tutup/")
    assert page.locator("#commitment-list .badge-kept").count() == 1
    assert Commitment.objects.get().evidence is not None

    page.goto(f"/inventaris/grup/{flagged_group.pk}/")
    effect = page.locator("#group-effect")
    rows = effect.locator("tbody tr")
    assert rows.count() == 8
    before, after = effect.locator("tbody tr:not(.after)"), effect.locator("tbody tr.after")
    assert before.last.locator("td").nth(3).inner_text() == "3"  # the week before: 3 flagged of 4
    assert after.first.locator("td").nth(3).inner_text() == "1"  # the week after: 1 of 2
    assert "Ditepati" in page.locator("#group-commitments").inner_text()
    assert csp_violations(page) == []
