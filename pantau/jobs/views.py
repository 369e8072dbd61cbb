from django.conf import settings
from django.shortcuts import render

from pantau.core.paging import paginate
from pantau.people.access import role_required
from pantau.people.roles import MEMBER_ROLES, OFFICE_ROLES, has_role

from .access import get_job_for, jobs_for
from .routines import routine_status
from .worker import worker_status


@role_required(MEMBER_ROLES)
def job_list(request):
    jobs = paginate(request, jobs_for(request.user).select_related("created_by"))
    routines = routine_status() if has_role(request.user, OFFICE_ROLES) else []
    worker = worker_status(settings.PANTAU_WORKER_STALE_SECONDS)
    return render(request, "jobs/list.html", {"jobs": jobs, "page": jobs, "routines": routines, "worker": worker})


@role_required(MEMBER_ROLES)
def job_detail(request, pk):
    job = get_job_for(request.user, pk)
    template = "jobs/_progress.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job})
