"""``/api/v1/fund/``: the regional fund (docs/fund.md, "API")."""

from django.urls import path

from . import views

urlpatterns = [
    path("calls/", views.CallListView.as_view(), name="fund-calls"),
    path("calls/<int:pk>/", views.CallDetailView.as_view(), name="fund-call"),
    path("applications/", views.ApplicationListView.as_view(), name="fund-applications"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="fund-application"),
    path(
        "applications/<int:pk>/submit/", views.ApplicationSubmitView.as_view(), name="fund-application-submit"
    ),
    path(
        "applications/<int:pk>/start-review/",
        views.ApplicationStartReviewView.as_view(),
        name="fund-application-start-review",
    ),
    path(
        "applications/<int:pk>/reviews/",
        views.ApplicationReviewView.as_view(),
        name="fund-application-reviews",
    ),
    path(
        "applications/<int:pk>/decision/",
        views.ApplicationDecisionView.as_view(),
        name="fund-application-decision",
    ),
    path(
        "applications/<int:pk>/payment/",
        views.ApplicationPaymentView.as_view(),
        name="fund-application-payment",
    ),
]
