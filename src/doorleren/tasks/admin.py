from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read only: jobs change through the worker (docs/tasks.md)."""

    list_display = ("id", "kind", "status", "attempts", "started_by", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("kind",)
    exclude = ("run_token",)
    readonly_fields = [
        field.name
        for field in Job._meta.get_fields()
        if getattr(field, "concrete", False) and field.name != "run_token"
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
