from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the log is never edited by hand."""

    list_display = ("at", "action", "subject_type", "subject_id", "actor", "reason")
    list_filter = ("action",)
    search_fields = ("action", "subject_type", "subject_id", "reason")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
