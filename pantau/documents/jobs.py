from pantau.jobs.files import finished, output_path
from pantau.jobs.registry import job_handler
from pantau.people.models import User

from .services import generate


@job_handler("documents.generate")
def generate_document(job, progress):
    params = job.params
    user = User.objects.filter(pk=job.created_by_id).first() if job.created_by_id else None
    progress(0, 2, "membuat dokumen")
    filename, data = generate(params["kind"], params["format"], params.get("params", {}), user)
    progress(1, 2, "menyimpan")
    with output_path(job, filename) as path:
        path.write_bytes(data)
    progress(2, 2, filename, force=True)
    return finished(job, filename)
