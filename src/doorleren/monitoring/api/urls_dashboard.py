"""API of the monitoring app: dashboard outcomes (docs/monitoring-dashboard.md, "API")."""

from django.urls import path

from . import views_dashboard as views

urlpatterns = [
    path("outcomes/", views.OutcomesView.as_view(), name="monitoring-outcomes"),
    path(
        "outcomes/by-municipality/",
        views.OutcomesByMunicipalityView.as_view(),
        name="monitoring-outcomes-by-municipality",
    ),
]
