"""URLs of the monitoring pages: statistics (docs/monitoring-statistics.md)."""

from django.urls import path

from .views import statistics as views

urlpatterns = [
    path("cijfers/", views.statistics, name="statistics"),
    path("cijfers/inlezen/", views.statistics_import, name="statistics_import"),
    path("cijfers/<slug:code>/", views.statistic_detail, name="statistic_detail"),
    path("cijfers/<slug:code>/csv/", views.statistic_csv, name="statistic_csv"),
]
