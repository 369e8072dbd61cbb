"""Files handed between the web app and the workers: uploads to import, generated documents and exports.

They go through Django's default storage (settings.STORAGES, class from
PANTAU_FILE_STORAGE), never a bare local path: on one laptop that is a folder
in PANTAU_HOME, and in a scale-out deployment a shared or object storage, so
a file uploaded to one machine is imported by a worker on another and a
document a worker wrote is downloaded from any web server.
"""

import shutil
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _


def save_upload(upload, folder: str = "imports") -> str:
    """Keep an uploaded file for a job; returns its name in the storage."""
    name = get_valid_filename(upload.name)[-120:] or "upload"
    return default_storage.save(f"{folder}/{uuid.uuid4().hex}-{name}", upload)


@contextmanager
def local_path(name: str):
    """A path on this machine with the stored file's bytes (the file itself when the storage is local)."""
    try:
        yield Path(default_storage.path(name))
        return
    except NotImplementedError:
        pass
    with tempfile.TemporaryDirectory(prefix="pantau-") as folder:
        path = Path(folder) / Path(name).name
        with default_storage.open(name, "rb") as source, open(path, "wb") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
        yield path


def delete(name: str) -> None:
    default_storage.delete(name)


def _output_name(job, filename: str) -> str:
    return f"generated/{job.pk}/{filename}"


@contextmanager
def output_path(job, filename: str):
    """A local path to write a job's result file to; it is stored under the job when the block ends."""
    with tempfile.TemporaryDirectory(prefix="pantau-") as folder:
        path = Path(folder) / filename
        yield path
        name = _output_name(job, filename)
        default_storage.delete(name)  # a retried job replaces what an earlier attempt wrote
        with open(path, "rb") as handle:
            default_storage.save(name, File(handle))


def finished(job, filename: str) -> dict:
    """The job result that the job page turns into a download button."""
    size = default_storage.size(_output_name(job, filename))
    return {"file": filename, "bytes": size, "download": reverse("documents:download", args=[job.pk])}


def file_summary(result: dict) -> list:
    """The result of `finished()` as the job page shows it (the download is its button)."""
    return [(_("File"), result["file"])]


def open_output(job):
    """The stored result file of a finished job, open for reading, or None."""
    name = (job.result or {}).get("file")
    if not name or "/" in name or "\\" in name or not default_storage.exists(_output_name(job, name)):
        return None
    return default_storage.open(_output_name(job, name), "rb")
