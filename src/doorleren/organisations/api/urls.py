from django.urls import path

from doorleren.organisations.api import views

urlpatterns = [
    path("", views.OrganisationListApi.as_view(), name="organisation-list"),
    path("<int:pk>/", views.OrganisationDetailApi.as_view(), name="organisation-detail"),
]
