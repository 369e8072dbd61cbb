"""Who sees which job, and so its progress, result and output file.

A job's output is data drawn with its creator's access (an export of
reports, a case summary), so it goes no further than that: to its creator,
and to the analysts and coordinators, who may run every kind of job and see
all the data any job reads. Everyone else (a pokja member, the office's IT
admin) sees only the jobs they started.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, has_role

from .models import Job

# Roles whose access covers what any job reads or writes.
JOB_READER_ROLES = ANALYSIS_ROLES


def jobs_for(user):
    if has_role(user, JOB_READER_ROLES):
        return Job.objects.all()
    if user is None or not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(created_by=user)


def get_job_for(user, pk) -> Job:
    """The job if `user` may see it; 403 for someone else's job (its id is no secret), 404 for none."""
    job = get_object_or_404(Job, pk=pk)
    if not jobs_for(user).filter(pk=job.pk).exists():
        raise PermissionDenied
    return job
