"""Only the routines' runs are in the admin: jobs carry their owners' parameters and results (exports,
case summaries), which the jobs page shows each person through jobs/access.py, and the task queue's
rows carry the same plus tracebacks."""

import django_tasks_db.admin  # noqa: F401  (registers DBTaskResult; imported first so it can be removed)
from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from .models import RoutineRun

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(RoutineRun)
class RoutineRunAdmin(admin.ModelAdmin):
    list_display = ["name", "started_at", "finished_at", "result"]
    readonly_fields = ["name", "started_at", "finished_at", "result", "error"]
