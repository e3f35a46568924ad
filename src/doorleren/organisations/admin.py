from django.contrib import admin

from doorleren.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "kvk_number", "brin_code", "joined_cooperative_at"]
    list_filter = ["kind", "school_level", "sector_code", "size_class", "municipality"]
    search_fields = ["name", "kvk_number", "brin_code"]
    autocomplete_fields = ["municipality"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


# The payout account is changed only through ``services.organisation_iban_set`` (checked and in the
# audit log), never in the admin, and the admin does not show it.
OrganisationAdmin.exclude = ["iban"]
