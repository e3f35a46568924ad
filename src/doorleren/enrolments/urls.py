"""Whole paths (included at the site root): /inschrijven/<module>/ and /inschrijvingen/..."""

from django.urls import path

from . import views

app_name = "enrolments"
urlpatterns = [
    path("inschrijven/<int:module_id>/", views.enrol, name="enrol"),
    path("inschrijvingen/", views.enrolment_list, name="list"),
    path("inschrijvingen/<int:pk>/", views.enrolment_detail, name="detail"),
    path("inschrijvingen/<int:pk>/stap/", views.enrolment_step, name="step"),
]
