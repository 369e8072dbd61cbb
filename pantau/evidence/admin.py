from django.contrib import admin

from .models import EvidenceItem


@admin.register(EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ("sha256", "original_name", "mime_type", "size", "captured_at", "captured_by")
    search_fields = ("sha256", "original_name", "source_url")

    def has_change_permission(self, request, obj=None):
        return False  # evidence is append-only

    def has_delete_permission(self, request, obj=None):
        return False
