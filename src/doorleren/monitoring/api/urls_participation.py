"""API of the monitoring app: participations and work starts (docs/monitoring.md)."""

from django.urls import path

from . import views_participation as views

urlpatterns = [
    path("work-starts/", views.WorkStartListView.as_view(), name="monitoring-work-starts"),
    path("participations/", views.ParticipationCreateView.as_view(), name="monitoring-participations"),
]
