"""``/api/v1/opportunities/``: public read of open opportunities."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.OpportunityListView.as_view(), name="opportunities"),
    path("<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity"),
]
