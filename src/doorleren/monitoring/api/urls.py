"""API of the monitoring app under /api/v1/monitoring/ (docs/monitoring.md)."""

from django.urls import include, path

urlpatterns = [
    path("", include("doorleren.monitoring.api.urls_participation")),
    path("", include("doorleren.monitoring.api.urls_dashboard")),
    path("", include("doorleren.monitoring.api.urls_programme")),
    path("", include("doorleren.monitoring.api.urls_statistics")),
]
