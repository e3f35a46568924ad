"""Read-only admin until the employer journey adds pages that create and close opportunities (services)."""

from django.contrib import admin

from .models import Opportunity, OpportunityCompetency


class OpportunityCompetencyInline(admin.TabularInline):
    model = OpportunityCompetency
    extra = 0
    can_delete = False
    fields = ["competency", "level", "essential"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organisation", "municipality", "hours_per_week", "status"]
    list_filter = ["kind", "status", "sector"]
    search_fields = ["title", "organisation__name"]
    inlines = [OpportunityCompetencyInline]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
