from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse

from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES, OFFICE_ROLES

from .access import get_evidence_for
from .previews import preview_bytes
from .storage import evidence_storage


@role_required(OFFICE_ROLES)
def preview(request, pk):
    item = get_evidence_for(request.user, pk)
    data = preview_bytes(item)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(ANALYSIS_ROLES)
def download(request, pk):
    item = get_evidence_for(request.user, pk)
    if not evidence_storage().exists(item.sha256):
        raise PermissionDenied
    name = item.original_name or f"{item.sha256}"
    response = FileResponse(
        evidence_storage().open(item.sha256),
        as_attachment=True,
        filename=name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
