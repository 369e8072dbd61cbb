"""What detection adds to the dashboards, the exports, the alerts and the inventory report."""

from datetime import UTC, datetime

from pantau.detection import services
from pantau.detection.taxonomy import label_name

VIOLENT = "Ayo serang dan bakar rumah pendukung paslon 2, bunuh mereka"


def test_it_shows_flagged_labels_on_the_dashboard(make_post, analyst):
    from pantau.core.seams import seams
    from pantau.dashboards.daily import catch_up
    from pantau.dashboards.filters import selection_from
    from pantau.dashboards.panels import per_label

    make_post(VIOLENT, posted_at=datetime(2024, 10, 1, 3, tzinfo=UTC))
    make_post("Harga sawit turun", posted_at=datetime(2024, 10, 2, 3, tzinfo=UTC))
    catch_up()  # the posts are counted before they have labels, as after an import
    services.classify_new_posts(on_classified=seams.posts_classified.notify)
    catch_up()
    assert label_name("kekerasan") in per_label(analyst, selection_from({})[0])


def test_it_alerts_high_severity_watchers_once_the_classification_job_ends(
    make_post, analyst, django_capture_on_commit_callbacks
):
    from pantau.dashboards.models import Notification, WatchList
    from pantau.jobs.runner import run_job

    WatchList.objects.create(name="Berat", owner=analyst, high_severity=True, email=False)
    make_post(VIOLENT)
    make_post("dasar goblok")  # medium severity: no alert
    with django_capture_on_commit_callbacks(execute=False):
        job = services.start_classification()
    assert run_job(job.pk).status == "done"
    assert list(Notification.objects.values_list("title", flat=True)) == ["Berat: keparahan tinggi: Kekerasan"]


def test_it_adds_labels_and_severity_to_the_posts_export(make_post):
    from pantau.intake.exports import posts_export

    make_post(VIOLENT)
    services.classify_new_posts()
    sheet = posts_export(None)[0]
    row = dict(zip(sheet.headers, next(iter(sheet.rows)), strict=True))
    assert (row["label"], row["tingkat keparahan"]) == ("Kekerasan", "tinggi")


def test_it_lists_an_accounts_labels_with_legal_basis_in_the_inventory_report(make_post):
    from pantau.documents.services import generate
    from pantau.inventory.models import Account
    from tests.documents.test_documents import docx_text

    account = Account.objects.create(platform="facebook", platform_id="p1", name="Provokator", status="ditandai")
    make_post(VIOLENT, author=account)
    services.classify_new_posts()
    _name, data = generate("inventory", "docx")
    assert "Kekerasan (UU 10/2016 Pasal 69 huruf d-f)" in docx_text(data)
