"""Pages of the monitoring app under /monitoring/ (docs/monitoring.md)."""

from django.urls import include, path

app_name = "monitoring"

urlpatterns = [
    path("", include("doorleren.monitoring.urls_dashboard")),
    path("", include("doorleren.monitoring.urls_programme")),
    path("", include("doorleren.monitoring.urls_statistics")),
]
