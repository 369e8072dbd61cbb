from django.utils.translation import gettext_lazy as _

from pantau.jobs.files import finished, output_path
from pantau.people.models import User

from .registry import document_types
from .services import generate


def document_title(params):
    return f"{document_types()[params['kind']].title} ({params['format'].upper()})"


def generate_document(job, progress):
    params = job.params
    user = User.objects.filter(pk=job.created_by_id).first() if job.created_by_id else None
    progress(0, 2, _("making the document"))
    filename, data = generate(params["kind"], params["format"], params.get("params", {}), user)
    progress(1, 2, _("saving"))
    with output_path(job, filename) as path:
        path.write_bytes(data)
    progress(2, 2, filename, force=True)
    return finished(job, filename)
