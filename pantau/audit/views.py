from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from pantau.core.paging import paginate
from pantau.people.access import role_required

from .access import AUDIT_ROLES, entries_for
from .export import csv_lines
from .filters import AuditFilterForm
from .log import record

PAGE_SIZE = 50


@never_cache
@role_required(AUDIT_ROLES)
def entry_list(request):
    form = AuditFilterForm(request.GET)
    entries = form.apply(entries_for(request.user))
    page = paginate(request, entries, PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()})


@never_cache
@role_required(AUDIT_ROLES)
def entry_csv(request):
    form = AuditFilterForm(request.GET)
    entries = form.apply(entries_for(request.user))
    record(request.user, "audit.exported", filters={k: v for k, v in request.GET.items() if v})
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(csv_lines(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pantau-audit-{stamp}.csv"'
    return response
