"""Selectors of the budgets app: the only code other apps use to read funders, budgets and the ledger."""

from .eligibility import Eligibility, RuleScope, pays_for_sentences, rule_eligibility
from .ledger import (
    SMALL_CELL,
    AccountMismatch,
    Cell,
    FunderRow,
    Reconciliation,
    account_balance,
    funder_overview,
    funders_all,
    ledger_reconciliation,
)
from .residents import BudgetView, ResidentBudgets, RuleView, budgets_for_resident, budgets_of_resident
from .split import (
    ID_MAX,
    MODULES_MAX,
    BudgetUse,
    FundingSplit,
    ItemSplit,
    SplitItem,
    SplitPart,
    allocate,
    cofunding_order_key,
    funding_split,
    funding_split_for_modules,
    split_items_for_modules,
)

__all__ = [
    "ID_MAX",
    "MODULES_MAX",
    "SMALL_CELL",
    "AccountMismatch",
    "BudgetUse",
    "BudgetView",
    "Cell",
    "Eligibility",
    "FunderRow",
    "FundingSplit",
    "ItemSplit",
    "Reconciliation",
    "ResidentBudgets",
    "RuleScope",
    "RuleView",
    "SplitItem",
    "SplitPart",
    "account_balance",
    "allocate",
    "budgets_for_resident",
    "budgets_of_resident",
    "cofunding_order_key",
    "funder_overview",
    "funders_all",
    "funding_split",
    "funding_split_for_modules",
    "ledger_reconciliation",
    "pays_for_sentences",
    "rule_eligibility",
    "split_items_for_modules",
]

# Fair allocation when money is scarce (docs/budgets.md, "Schaars geld eerlijk verdelen").
from .allocation import (  # noqa: E402
    ALLOCATED,
    CLOSED,
    OPEN,
    UPCOMING,
    ApplicationView,
    CriterionRow,
    RankingRow,
    RoundPublic,
    RoundSummary,
    allocation_round_get,
    allocation_round_phase,
    allocation_round_public,
    allocation_round_ranking,
    allocation_rounds_public,
    budget_application_for_resident,
    budget_applications_of_resident,
    criteria_rows,
    points_sentences,
)

__all__ += [
    "ALLOCATED",
    "CLOSED",
    "OPEN",
    "UPCOMING",
    "ApplicationView",
    "CriterionRow",
    "RankingRow",
    "RoundPublic",
    "RoundSummary",
    "allocation_round_get",
    "allocation_round_phase",
    "allocation_round_public",
    "allocation_round_ranking",
    "allocation_rounds_public",
    "budget_application_for_resident",
    "budget_applications_of_resident",
    "criteria_rows",
    "points_sentences",
]

# Reservations for enrolments (doorleren.enrolments, docs/enrolments.md).
from .reservations import ReservationTotals, reservation_totals  # noqa: E402

__all__ += ["ReservationTotals", "reservation_totals"]

# Money reports per funder, programme line, municipality and target group (docs/budgets.md, "Rapporten").
from .reports import (  # noqa: E402
    FUNDER,
    HIDDEN,
    MUNICIPALITY,
    PROGRAMME_LINE,
    REPORT_KINDS,
    SHOWN,
    SMALL,
    TARGET_GROUP,
    MoneyReport,
    ReportRow,
    money_report,
    report_kind_check,
)

__all__ += [
    "FUNDER",
    "HIDDEN",
    "MUNICIPALITY",
    "PROGRAMME_LINE",
    "REPORT_KINDS",
    "SHOWN",
    "SMALL",
    "TARGET_GROUP",
    "MoneyReport",
    "ReportRow",
    "money_report",
    "report_kind_check",
]

# Coaches and employers grant budgets (docs/budgets.md, "Een budget toekennen").
from .granting import (  # noqa: E402
    GRANT_ROLES,
    SEARCH_MAX,
    GrantChoice,
    grant_choice,
    grant_choice_for_id,
    may_grant_budgets,
    residents_for_granting,
)

__all__ += [
    "GRANT_ROLES",
    "SEARCH_MAX",
    "GrantChoice",
    "grant_choice",
    "grant_choice_for_id",
    "may_grant_budgets",
    "residents_for_granting",
]

# privacy: what the budgets app keeps about one resident (docs/security-privacy.md).
from .personal_data import personal_data_for  # noqa: E402

__all__ += ["personal_data_for"]  # noqa: PLE0605
