from rest_framework.permissions import BasePermission

from pantau.people.roles import ANALYSIS_ROLES, MEMBER_ROLES, OFFICE_ROLES, REPORT_HANDLER_ROLES, has_role


class RolePermission(BasePermission):
    roles: frozenset[str] = frozenset()

    def has_permission(self, request, view):
        return has_role(request.user, self.roles)


class IsOfficeStaff(RolePermission):
    roles = OFFICE_ROLES


class IsMember(RolePermission):
    roles = MEMBER_ROLES


class IsAnalyst(RolePermission):
    roles = ANALYSIS_ROLES


class IsReportHandler(RolePermission):
    roles = REPORT_HANDLER_ROLES
