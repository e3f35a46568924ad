from django.urls import path

from doorleren.taxonomy import views

app_name = "taxonomy"
urlpatterns = [
    path("", views.competency_map, name="map"),
    path("competenties/<str:code>/", views.competency_detail, name="competency_detail"),
    path("zoek/competenties/", views.competency_autocomplete, name="competency_search"),
    path("beroepen/", views.occupation_search, name="occupation_search"),
    path("vaardigheden/", views.skill_search, name="skill_search"),
    path("beroepen-in-de-regio/", views.regional_occupation_list, name="regional_occupation_list"),
    path(
        "beroepen-in-de-regio/<str:code>/",
        views.regional_occupation_detail,
        name="regional_occupation_detail",
    ),
]
