from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse

from pantau.audit.log import record
from pantau.people.access import role_required

from .access import EVIDENCE_ROLES, get_evidence_for
from .origins import shown_name
from .previews import preview_bytes
from .storage import evidence_storage


@role_required(EVIDENCE_ROLES)
def preview(request, pk):
    item = get_evidence_for(request.user, pk)
    data = preview_bytes(item)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(EVIDENCE_ROLES)
def download(request, pk):
    item = get_evidence_for(request.user, pk)
    if not evidence_storage().exists(item.sha256):
        raise PermissionDenied
    record(request.user, "evidence.downloaded", item, sha256=item.sha256)
    response = FileResponse(
        evidence_storage().open(item.sha256),
        as_attachment=True,
        filename=shown_name(item),
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
