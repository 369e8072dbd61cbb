"""Office IT's admin for users and agencies, limited to what the admin role may do.

Roles and agencies are changed through grants.py (a role that sees reporters'
identities waits for a coordinator); Django's own staff, superuser, group and
permission flags are not offered because the role decides them. The password
of someone who sees identities is not set here either: that would let office
IT log in as them (the operator resets it with `pantau changepassword`).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pantau.api.tokens import revoke_tokens
from pantau.audit.log import record

from . import grants
from .models import Agency, Role, RoleGrant, User
from .roles import ASSIGNABLE_ROLES, CONFIRMED_ROLES
from .services import record_created

admin.site.unregister(Group)  # permissions come from the role, not from groups


def _sees_identities(user) -> bool:
    return user.role in CONFIRMED_ROLES or grants.pending_grants().filter(user=user).exists()


@admin.register(User)
class PantauUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "agency", "is_active")
    list_filter = ("role", "agency", "is_active")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Pantau", {"fields": ("first_name", "last_name", "email", "role", "agency", "position", "is_active")}),
        (None, {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (("Pantau", {"fields": ("role", "agency")}),)
    actions = ["revoke_api_tokens"]

    @admin.action(description=_("Revoke the API tokens of the selected users"))
    def revoke_api_tokens(self, request, queryset):
        # Office IT ends tokens without ever seeing one: only a hash of each is stored.
        count = sum(revoke_tokens(user) for user in queryset)
        self.message_user(
            request,
            ngettext("%(count)d API token revoked.", "%(count)d API tokens revoked.", count) % {"count": count},
            messages.SUCCESS,
        )

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [(value, label) for value, label in Role.choices if value in ASSIGNABLE_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        pending = grants.pending_grants().filter(user=obj).first() if obj else None
        if pending is None:
            return form
        role = pending.role

        def __init__(self, *args, **kw):
            # Show the role asked for, so saving other fields keeps the request instead of withdrawing it.
            form.__init__(self, *args, **kw)
            self.initial["role"] = role

        return type("WithPendingRole", (form,), {"__init__": __init__})

    def save_model(self, request, obj, form, change):
        wanted_role, wanted_agency = obj.role, obj.agency
        if change:
            stored = User.objects.get(pk=obj.pk)
            obj.role, obj.agency = stored.role, stored.agency
        else:
            obj.role = Role.NONE
        obj.is_staff = obj.is_superuser = obj.role == Role.ADMIN
        super().save_model(request, obj, form, change)
        if not change:
            record_created(obj, request.user)
        grant = grants.set_role(obj, wanted_role, by=request.user)
        grants.set_agency(obj, wanted_agency, by=request.user)
        if grant is not None:
            messages.warning(
                request,
                _(
                    "The role %(role)s takes effect when a coordinator confirms it; "
                    "until then %(user)s has the role %(now)s."
                )
                % {"role": Role(grant.role).label, "user": obj.get_username(), "now": obj.get_role_display()},
            )

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and _sees_identities(user):
            messages.error(
                request,
                _(
                    "The password of someone who sees reporters' identities is set by the operator "
                    "(pantau changepassword) or by the user."
                ),
            )
            return redirect(reverse("admin:people_user_change", args=[user.pk]))
        return super().user_change_password(request, id, form_url)


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    """Read only: office IT sees what waits; coordinators decide on their own page."""

    list_display = ("user", "role", "status", "requested_by", "requested_at", "decided_by", "decided_at")
    list_filter = ("status", "role")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "code", "is_supervisor")
    search_fields = ("name", "short_name", "code")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(request.user, "agency.edited" if change else "agency.created", obj, fields=form.changed_data)
