"""API of the monitoring app: regional indicators (docs/monitoring-statistics.md)."""

from django.urls import path

from . import views_statistics as views

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="monitoring-indicators"),
    path(
        "indicators/import-csv/",
        views.IndicatorImportCsvView.as_view(),
        name="monitoring-indicators-import-csv",
    ),
    path(
        "indicators/<slug:code>/values/",
        views.IndicatorValuesView.as_view(),
        name="monitoring-indicator-values",
    ),
]
