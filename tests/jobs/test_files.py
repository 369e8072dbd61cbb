"""Files handed between web and workers go through the storage, so they work when no machine shares a disk."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pantau.intake.models import Post
from pantau.jobs.models import Job
from pantau.jobs.runner import run_job

pytestmark = pytest.mark.django_db


class RemoteStorage(Storage):
    """Like object storage: bytes kept elsewhere, with no path on this machine."""

    files: dict[str, bytes] = {}

    def _save(self, name, content):
        self.files[name] = b"".join(content.chunks())
        return name

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files

    def delete(self, name):
        self.files.pop(name, None)

    def size(self, name):
        return len(self.files[name])


@pytest.fixture
def remote_storage(settings):
    RemoteStorage.files = {}
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "tests.jobs.test_files.RemoteStorage"}}
    with pytest.raises(NotImplementedError):
        default_storage.path("x")
    return default_storage


def test_a_worker_imports_an_upload_it_cannot_see_on_its_own_disk_and_removes_it(remote_storage, client_for, analyst):
    content = b'{"platform": "x", "id": "9", "text": "unggahan dari mesin lain"}\n'
    client_for(analyst).post(reverse("intake:import"), {"file": SimpleUploadedFile("posts.jsonl", content)})
    job = run_job(Job.objects.get().pk)
    assert (job.status, job.result["created"]) == ("done", 1)
    assert Post.objects.filter(text="unggahan dari mesin lain").exists()
    assert [name for name in RemoteStorage.files if name.startswith("imports/")] == []


def test_a_document_written_by_a_worker_is_downloaded_from_the_storage(remote_storage, client_for, analyst):
    from pantau.jobs.runner import start_job

    job = run_job(start_job("documents.generate", "x", {"kind": "inventory", "format": "pdf"}, analyst).pk)
    assert job.status == "done", job.message
    assert remote_storage.exists(f"generated/{job.pk}/{job.result['file']}")
    download = client_for(analyst).get(job.result["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
