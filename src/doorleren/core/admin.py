"""Read-only admin bases: administrators may look at the data, while every change goes through the
services (each with an audit line), so nothing in the admin can add, change or delete."""

from django.contrib import admin


class ReadOnlyMixin:
    """No adding, changing or deleting, for a ``ModelAdmin`` or an inline."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
