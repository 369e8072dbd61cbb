import json
import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIGEST = "Grup rawan: 300 postingan baru di grup Warga Bersuara"


def _wait_for_jobs(timeout=120):
    from pantau.jobs.models import Job, Status

    deadline = time.monotonic() + timeout
    while Job.objects.exclude(status__in=[Status.DONE, Status.FAILED]).exists():
        assert time.monotonic() < deadline, list(Job.objects.values_list("kind", "status"))
        time.sleep(0.3)
    assert not Job.objects.filter(status=Status.FAILED).exists()


def test_300_new_posts_make_one_digest_and_reclassifying_twice_adds_nothing(
    page, login_as, analyst, coordinator, job_runner, tmp_path
):
    from pantau.core.seams import seams
    from pantau.dashboards.models import Notification, WatchList
    from pantau.detection.services import classify_posts
    from pantau.intake.models import Post
    from pantau.inventory.models import Group

    group = Group.objects.create(platform="facebook", platform_id="g-warga", name="Warga Bersuara")
    watch = WatchList.objects.create(name="Grup rawan", owner=analyst)
    watch.groups.add(group)
    watch.subscribers.add(coordinator)
    path = tmp_path / "grup.jsonl"
    rows = [
        {
            "platform": "facebook", "id": f"w{i}", "group_id": "g-warga", "group_name": "Warga Bersuara",
            "author_id": f"fb-{i % 7}", "author_name": f"Warga {i % 7}", "text": f"Kabar desa nomor {i} hari ini",
            "created_at": f"2024-10-{1 + i % 20:02d}T10:00:00+07:00",
        }
        for i in range(300)
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")

    login_as(analyst)
    page.get_by_role("link", name="Impor").click()
    page.get_by_label("Berkas ekspor").set_input_files(str(path))
    page.get_by_role("button", name="Impor").click()
    page.get_by_text("Selesai").first.wait_for(timeout=60_000)
    _wait_for_jobs()  # the import, then the classification it queued
    assert Post.objects.filter(group=group).count() == 300
    page.get_by_role("button", name="Keluar").click()

    login_as(coordinator)
    page.get_by_role("link", name="Notifikasi 1 baru").click()  # the menu counts it
    assert page.get_by_text("1 belum dibaca").is_visible()
    assert page.locator("ul.notifications li").count() == 1
    assert Notification.objects.filter(user=coordinator).count() == 1

    for _ in range(2):
        classify_posts(Post.objects.all(), on_classified=seams.posts_classified.notify)
    page.reload()
    assert page.locator("ul.notifications li").count() == 1
    assert Notification.objects.filter(user=coordinator).count() == 1

    page.get_by_role("link", name=DIGEST).click()
    page.wait_for_load_state()
    assert f"group={group.pk}" in page.url and "from=2024-10-01" in page.url and "to=2024-10-20" in page.url

    page.goto("/dasbor/notifikasi/")
    page.get_by_role("button", name="Tandai semua sudah dibaca").click()
    page.wait_for_load_state()
    assert page.get_by_text("0 belum dibaca").is_visible()
    assert [e for e in page.csp_errors if "Content Security Policy" in e] == []
