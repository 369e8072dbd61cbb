from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Agency, User


@admin.register(User)
class PantauUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "agency", "is_active")
    list_filter = ("role", "agency", "is_active")
    fieldsets = UserAdmin.fieldsets + (("Pantau", {"fields": ("role", "agency", "position")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("Pantau", {"fields": ("role", "agency")}),)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "code", "is_supervisor")
    search_fields = ("name", "short_name", "code")
