from django.shortcuts import get_object_or_404

from pantau.people.roles import OFFICE_ROLES, has_role

from .models import Job


def jobs_for(user):
    """Office staff see every job; a pokja member sees the jobs they started."""
    if has_role(user, OFFICE_ROLES):
        return Job.objects.all()
    return Job.objects.filter(created_by=user)


def get_job_for(user, pk) -> Job:
    return get_object_or_404(jobs_for(user), pk=pk)
