from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, has_role

from .models import Cluster


def clusters_for(user):
    """Analysts and coordinators see every cluster; nobody else sees any."""
    if has_role(user, ANALYSIS_ROLES):
        return Cluster.objects.all()
    return Cluster.objects.none()


def get_cluster_for(user, pk) -> Cluster:
    return get_object_or_404(clusters_for(user), pk=pk)
