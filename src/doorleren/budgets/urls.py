from django.urls import path

from . import views

app_name = "budgets"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("wie-betaalt/", views.split, name="split"),
    path("overzicht/", views.ledger_overview, name="ledger_overview"),
]

# Fair allocation when money is scarce (docs/budgets.md, "Schaars geld eerlijk verdelen").
from . import views_allocation  # noqa: E402

urlpatterns += [
    path("verdeling/", views_allocation.rounds, name="allocation_rounds"),
    path("verdeling/<int:pk>/", views_allocation.round_detail, name="allocation_round"),
    path("verdeling/<int:pk>/uitslag.csv", views_allocation.round_csv, name="allocation_round_csv"),
    path("verdeling/<int:pk>/mijn-aanvraag/", views_allocation.application, name="allocation_application"),
    path("verdeling/<int:pk>/intrekken/", views_allocation.withdraw, name="allocation_withdraw"),
    path("verdeling/<int:pk>/verdelen/", views_allocation.allocate, name="allocation_allocate"),
]

# Money reports per funder, programme line, municipality and target group (docs/budgets.md, "Rapporten").
from . import views_reports  # noqa: E402

urlpatterns += [
    path("rapport/", views_reports.report, name="report"),
    path("rapport.csv", views_reports.report_csv, name="report_csv"),
]

# Coaches and employers grant budgets (docs/budgets.md, "Een budget toekennen").
from . import views_grants  # noqa: E402

urlpatterns += [
    path("toekennen/", views_grants.grant_residents, name="grant_residents"),
    path("toekennen/<int:pk>/", views_grants.grant_resident, name="grant_resident"),
]
