"""``/api/v1/budgets/``: the logged-in resident's own budgets."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ResidentBudgetsView.as_view(), name="budgets-mine"),
    path("split/", views.FundingSplitView.as_view(), name="budgets-split"),
]
