"""The slang dictionary is a setting of the normaliser; fact-checks are analysts' work (their own pages)."""

from django.contrib import admin

from .models import SlangEntry


@admin.register(SlangEntry)
class SlangEntryAdmin(admin.ModelAdmin):
    list_display = ("slang", "standard", "added_by", "created_at")
    search_fields = ("slang", "standard")
