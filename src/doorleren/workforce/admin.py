"""Read-only admin: administrators may look at company scans and development plans. Every change
goes through ``workforce.services`` (consent, audit log), never through an edit here."""

from django.contrib import admin

from .models import CompanyRole, DevelopmentPlan, DevelopmentPlanItem, RoleCompetency


class _ReadOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RoleCompetencyInline(_ReadOnly, admin.TabularInline):
    model = RoleCompetency
    extra = 0


class DevelopmentPlanItemInline(_ReadOnly, admin.TabularInline):
    model = DevelopmentPlanItem
    extra = 0


@admin.register(CompanyRole)
class CompanyRoleAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["title", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["title", "organisation__name"]
    inlines = [RoleCompetencyInline]


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["id", "organisation", "role_title", "state", "created_at"]
    list_filter = ["state"]
    list_select_related = ["organisation"]
    inlines = [DevelopmentPlanItemInline]
