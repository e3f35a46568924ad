"""API of the monitoring app: programme (docs/monitoring-programme.md, "API")."""

from django.urls import path

from . import views_programme as views

urlpatterns = [
    path("measures/", views.MeasureListView.as_view(), name="monitoring-measures"),
    path("measures/<int:pk>/", views.MeasureDetailView.as_view(), name="monitoring-measure"),
    path(
        "measures/<int:pk>/versions/", views.MeasureVersionsView.as_view(), name="monitoring-measure-versions"
    ),
    path(
        "measures/<int:pk>/judgements/",
        views.MeasureJudgementsView.as_view(),
        name="monitoring-measure-judgements",
    ),
    path("measures/<int:pk>/targets/", views.MeasureTargetsView.as_view(), name="monitoring-measure-targets"),
    path(
        "measures/<int:pk>/targets/<int:target_pk>/",
        views.MeasureTargetView.as_view(),
        name="monitoring-measure-target",
    ),
    path(
        "measures/<int:pk>/activities/",
        views.MeasureActivitiesView.as_view(),
        name="monitoring-measure-activities",
    ),
    path(
        "measures/<int:pk>/activities/<int:activity_pk>/results/",
        views.ActivityResultsView.as_view(),
        name="monitoring-activity-results",
    ),
]
