"""``/api/v1/opportunities/``: public read of open opportunities."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.OpportunityListView.as_view(), name="opportunities"),
    path("<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity"),
]

# Organisations close work and get competencies suggested from a text (docs/opportunities.md).
urlpatterns += [
    path(
        "suggest-competencies/",
        views.OpportunitySuggestCompetenciesView.as_view(),
        name="opportunities-suggest-competencies",
    ),
    path("<int:pk>/close/", views.OpportunityCloseView.as_view(), name="opportunity-close"),
]
