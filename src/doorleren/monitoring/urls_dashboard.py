"""URLs of the monitoring pages: dashboard (docs/monitoring-dashboard.md)."""

from django.urls import path

from .views import dashboard as views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("lijnen/<int:number>/", views.dashboard_line, name="dashboard_line"),
    path("maatregelen/<int:pk>/cijfers/", views.dashboard_measure, name="dashboard_measure"),
    path("gemeenten/<str:code>/", views.dashboard_municipality, name="dashboard_municipality"),
    path("rapport/<int:year>-K<int:quarter>.pdf", views.quarterly_report, name="quarterly_report"),
    path("rapport/maken/", views.quarterly_report_job, name="quarterly_report_job"),
]
