from django.contrib import admin

from .models import Job, RoutineRun


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in Job._meta.fields]


@admin.register(RoutineRun)
class RoutineRunAdmin(admin.ModelAdmin):
    list_display = ["name", "started_at", "finished_at", "result"]
    readonly_fields = ["name", "started_at", "finished_at", "result", "error"]
