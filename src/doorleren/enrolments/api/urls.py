"""``/api/v1/enrolments/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.EnrolmentListCreateView.as_view(), name="enrolments-list"),
    path("transitions/", views.EnrolmentStepView.as_view(), name="enrolments-transitions"),
    path("<int:pk>/", views.EnrolmentDetailView.as_view(), name="enrolments-detail"),
]
