"""Pages of the monitoring app under /monitoring/ (docs/monitoring.md)."""

from django.urls import include, path

from .views import work

app_name = "monitoring"

urlpatterns = [
    path("mijn-werk/", work.work_mine, name="work_mine"),
    path("", include("doorleren.monitoring.urls_dashboard")),
    path("", include("doorleren.monitoring.urls_programme")),
    path("", include("doorleren.monitoring.urls_statistics")),
    path("", include("doorleren.monitoring.urls_evaluation")),
]
