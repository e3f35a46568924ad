"""``/api/v1/workforce/`` (docs/workforce.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("scan/", views.ScanView.as_view(), name="workforce-scan"),
    path("plans/", views.FirmPlanView.as_view(), name="workforce-firm-plan"),
    path("my-plans/", views.MyPlansView.as_view(), name="workforce-my-plans"),
    path("my-plans/decisions/", views.PlanDecisionView.as_view(), name="workforce-plan-decisions"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="workforce-plan-detail"),
]
