from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pantau.api.tokens import revoke_tokens

from .models import Agency, User


@admin.register(User)
class PantauUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "agency", "is_active")
    list_filter = ("role", "agency", "is_active")
    fieldsets = UserAdmin.fieldsets + (("Pantau", {"fields": ("role", "agency", "position")}),)
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


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "code", "is_supervisor")
    search_fields = ("name", "short_name", "code")
