"""``/api/v1/enrolments/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.EnrolmentListCreateView.as_view(), name="enrolments-list"),
    path("transitions/", views.EnrolmentStepView.as_view(), name="enrolments-transitions"),
    path("<int:pk>/", views.EnrolmentDetailView.as_view(), name="enrolments-detail"),
]

# Signals for coaches (docs/enrolments.md, "Signalen voor coaches").
urlpatterns += [
    path("anomalies/", views.AnomalyListView.as_view(), name="enrolments-anomalies"),
    path("anomalies/reviews/", views.AnomalyReviewCreateView.as_view(), name="enrolments-anomaly-reviews"),
]
