"""Job names and results as people read them, in their language, never as stored keys or dicts."""

import pytest
from django.urls import reverse

from pantau.jobs.models import Job, Status

pytestmark = pytest.mark.django_db

RETRAIN_RESULT = {
    "version": "2024.11-2",
    "location": "/var/pantau/models/2024.11-2",
    "old_version": "2024.10-1",
    "comparison": [
        {"label": "politik_uang", "old_precision": None, "new_precision": 0.9, "old_recall": None,
         "new_recall": 0.5, "old_macro_f1": None, "new_macro_f1": 0.64},
    ],
}  # fmt: skip


def finished(kind, title, result, user, message=""):
    return Job.objects.create(
        kind=kind, title=title, status=Status.DONE, result=result, message=message, created_by=user
    )


def test_it_names_a_job_in_indonesian_though_its_title_was_stored_in_english(client_for, analyst):
    finished("detection.retrain", "Retrain the detection model", RETRAIN_RESULT, analyst)
    body = client_for(analyst).get(reverse("jobs:list")).content.decode()
    assert "Latih ulang model deteksi" in body and "Retrain the detection model" not in body


def test_it_shows_the_retraining_result_as_a_comparison_per_label(client_for, analyst):
    job = finished("detection.retrain", "Retrain the detection model", RETRAIN_RESULT, analyst, "final fit")
    body = client_for(analyst).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Politik uang" in body and "— → 0.90" in body and "Versi model baru" in body
    assert "politik_uang" not in body and "[{" not in body and "final fit" not in body


def test_it_follows_the_readers_language_for_the_result(client_for, analyst):
    job = finished(
        "detection.classify", "Classify new posts", {"classified": 12, "flagged": 3, "model_version": "v"}, analyst
    )
    client = client_for(analyst)
    assert "Unggahan diklasifikasi" in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    client.cookies["pantau_language"] = "en"
    body = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Posts classified" in body and "Classify posts" in body


def test_it_titles_an_import_with_its_file_name(client_for, analyst):
    params = {"upload": "imports/x", "name": "ekspor-grup.csv", "format": "", "group": ""}
    Job.objects.create(kind="intake.import", title="Import ekspor-grup.csv", params=params, created_by=analyst)
    client = client_for(analyst)
    client.cookies["pantau_language"] = "en"
    assert "Import ekspor-grup.csv" in client.get(reverse("jobs:list")).content.decode()


def test_it_shows_a_refused_import_as_its_error(client_for, analyst):
    job = finished("intake.import", "Impor x.bin", {"error": "not an export Pantau knows"}, analyst)
    body = client_for(analyst).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Galat" in body and "not an export Pantau knows" in body


def test_it_keeps_a_result_of_an_older_shape_off_the_page_instead_of_failing(client_for, analyst):
    job = finished("coordination.run", "Coordination analysis", {"unexpected": {"a": 1}}, analyst)
    response = client_for(analyst).get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 200 and "{'a': 1}" not in response.content.decode()
