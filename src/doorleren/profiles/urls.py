from django.urls import path

from . import views

app_name = "profiles"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("voorkeuren/", views.preferences, name="preferences"),
    path("competenties/toevoegen/", views.competency_add, name="competency_add"),
    path("competenties/suggesties/", views.competency_suggestions, name="competency_suggestions"),
    path("competenties/uit-tekst/", views.competency_from_text, name="competency_from_text"),
    path("competenties/<str:code>/wijzigen/", views.competency_edit, name="competency_edit"),
    path("competenties/<str:code>/weghalen/", views.competency_remove, name="competency_remove"),
    path("werk/toevoegen/", views.work_add, name="work_add"),
    path("werk/suggesties/", views.occupation_suggestions, name="occupation_suggestions"),
    path("werk/<int:pk>/weghalen/", views.work_remove, name="work_remove"),
    path("opleidingen/toevoegen/", views.education_add, name="education_add"),
    path("opleidingen/<int:pk>/weghalen/", views.education_remove, name="education_remove"),
    path("inwoner/<int:user_id>/", views.resident_detail, name="resident_detail"),
]
