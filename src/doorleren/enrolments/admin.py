"""Read-only admin: administrators may look at enrolments and their budget parts. Every change goes
through ``enrolments.services`` (the transition table and the ledger), never through an edit here."""

from django.contrib import admin

from .models import AnomalyReview, Enrolment, EnrolmentFunding


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EnrolmentFundingInline(admin.TabularInline):
    model = EnrolmentFunding
    extra = 0
    fields = ["position", "budget", "amount_cents", "paid_cents", "released_cents"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "module",
        "provider",
        "state",
        "start_date",
        "price_cents",
        "covered_cents",
        "created_at",
    ]
    list_filter = ["state"]
    list_select_related = ["module", "provider"]
    search_fields = ["module__title", "provider__name"]
    inlines = [EnrolmentFundingInline]


@admin.register(AnomalyReview)
class AnomalyReviewAdmin(ReadOnlyAdmin):
    """Decisions about signals: only added through ``services_anomalies`` (with an audit line)."""

    list_display = ["created_at", "kind", "outcome", "reviewer", "fingerprint"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["reviewer"]
    search_fields = ["fingerprint", "subject"]
