"""``/api/v1/budgets/``: the logged-in resident's own budgets."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ResidentBudgetsView.as_view(), name="budgets-mine"),
    path("split/", views.FundingSplitView.as_view(), name="budgets-split"),
]

# Money reports (docs/budgets.md, "Rapporten"): for coaches, the programme office and administrators.
urlpatterns += [
    path("reports/", views.MoneyReportView.as_view(), name="budgets-reports"),
]

# Coaches and employers grant budgets (docs/budgets.md, "Een budget toekennen").
from . import views_grants  # noqa: E402

urlpatterns += [
    path("grants/", views_grants.GrantCreateView.as_view(), name="budgets-grant-create"),
    path("grants/residents/<int:pk>/", views_grants.GrantChoiceView.as_view(), name="budgets-grant-choice"),
]

# Fair allocation (docs/budgets.md, "Schaars geld eerlijk verdelen") and the ledger overview.
from . import views_allocation, views_ledger  # noqa: E402

urlpatterns += [
    path("rounds/", views_allocation.RoundListView.as_view(), name="budgets-rounds"),
    path("rounds/<int:pk>/", views_allocation.RoundDetailView.as_view(), name="budgets-round"),
    path(
        "rounds/<int:pk>/application/",
        views_allocation.RoundApplicationView.as_view(),
        name="budgets-round-application",
    ),
    path(
        "rounds/<int:pk>/allocate/",
        views_allocation.RoundAllocateView.as_view(),
        name="budgets-round-allocate",
    ),
    path("ledger/", views_ledger.LedgerOverviewView.as_view(), name="budgets-ledger"),
]
