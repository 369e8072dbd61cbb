from django.contrib import admin

from .models import FactCheck, SlangEntry


@admin.register(SlangEntry)
class SlangEntryAdmin(admin.ModelAdmin):
    list_display = ("slang", "standard", "added_by", "created_at")
    search_fields = ("slang", "standard")


@admin.register(FactCheck)
class FactCheckAdmin(admin.ModelAdmin):
    list_display = ("claim", "rating", "is_false", "publisher", "date_published")
    search_fields = ("claim", "publisher")
