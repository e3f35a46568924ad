"""Read-only admin: administrators may look at funders, rules, budgets and the ledger. Money moves
only through ``budgets.services`` (a correction is a reversing transaction, never an edit)."""

from django.contrib import admin

from .models import Budget, Funder, GrantRule, LedgerAccount, LedgerEntry, LedgerTransaction


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Funder)
class FunderAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "organisation", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(GrantRule)
class GrantRuleAdmin(ReadOnlyAdmin):
    list_display = ["name", "funder", "amount_cents", "valid_from", "valid_until", "order"]
    list_filter = ["funder__kind"]
    search_fields = ["name", "funder__name"]


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdmin):
    list_display = ["id", "rule", "amount_cents", "valid_from", "valid_until", "created_at"]
    list_select_related = ["rule__funder"]


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin):
    list_display = ["id", "name", "funder", "kind", "balance_cents", "may_go_negative"]
    list_filter = ["kind"]
    list_select_related = ["funder"]


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    can_delete = False
    fields = ["account", "amount_cents"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["correlation_key", "kind", "reason", "created_at", "reverses"]
    list_filter = ["kind"]
    search_fields = ["correlation_key", "idempotency_key"]
    inlines = [LedgerEntryInline]


# Fair allocation (docs/budgets.md, "Schaars geld eerlijk verdelen"): read only. The seed is not shown
# here; it is public on the round's page once the period is over.
from .models import AllocationRound, BudgetApplication  # noqa: E402


@admin.register(AllocationRound)
class AllocationRoundAdmin(ReadOnlyAdmin):
    list_display = ["name", "rule", "opens_on", "closes_on", "money_cents", "state", "granted_cents"]
    list_filter = ["state"]
    list_select_related = ["rule__funder"]
    search_fields = ["name"]
    exclude = ["seed"]


@admin.register(BudgetApplication)
class BudgetApplicationAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "round",
        "number",
        "state",
        "position",
        "points",
        "lottery_number",
        "requested_cents",
    ]
    list_filter = ["state"]
    list_select_related = ["round"]


# Reports (docs/budgets.md, "Rapporten"): the programme line a rule's money counts for. Read only like
# the rest; a rule gets its programme line through ``services.grant_rule_create``.
GrantRuleAdmin.list_display = [*GrantRuleAdmin.list_display, "programme_line"]
GrantRuleAdmin.list_filter = [*GrantRuleAdmin.list_filter, "programme_line"]
GrantRuleAdmin.list_select_related = ["funder", "programme_line"]
