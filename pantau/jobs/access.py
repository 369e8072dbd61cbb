from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, has_role

from .models import Job


def jobs_for(user):
    """Analysts and coordinators see every job; others (pokja, office IT) only the jobs they started.

    A job's output (an export, a case summary) is as private as its data: office IT must not download
    an analyst's reports export through the jobs page."""
    if has_role(user, ANALYSIS_ROLES):
        return Job.objects.all()
    return Job.objects.filter(created_by=user)


def get_job_for(user, pk) -> Job:
    return get_object_or_404(jobs_for(user), pk=pk)
