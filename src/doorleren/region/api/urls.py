from django.urls import path

from doorleren.region.api import views

urlpatterns = [
    path("municipalities/", views.MunicipalityListApi.as_view(), name="region-municipality-list"),
    path(
        "municipalities/resolve/", views.MunicipalityResolveApi.as_view(), name="region-municipality-resolve"
    ),
    path(
        "municipalities/<str:code>/", views.MunicipalityDetailApi.as_view(), name="region-municipality-detail"
    ),
]
