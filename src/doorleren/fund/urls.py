from django.urls import path

from . import views

app_name = "fund"
urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("oproep/<int:pk>/", views.call_detail, name="call_detail"),
    path("oproep/<int:pk>/aanvragen/", views.application_create, name="application_create"),
    path("mijn-aanvragen/", views.mine, name="mine"),
    path("aanvraag/<int:pk>/", views.application_detail, name="application_detail"),
    path("aanvraag/<int:pk>/wijzigen/", views.application_edit, name="application_edit"),
    path("aanvraag/<int:pk>/partner/", views.partner_add, name="partner_add"),
    path("aanvraag/<int:pk>/partner/<int:member_pk>/weg/", views.partner_remove, name="partner_remove"),
    path("aanvraag/<int:pk>/indienen/", views.application_submit, name="application_submit"),
    path("aanvraag/<int:pk>/in-behandeling/", views.start_review, name="start_review"),
    path("aanvraag/<int:pk>/beoordelen/", views.review, name="review"),
    path("aanvraag/<int:pk>/besluit/", views.decide, name="decide"),
    path("aanvraag/<int:pk>/betalen/", views.pay, name="pay"),
    path("aanvraag/<int:pk>/afsluiten/", views.account, name="account"),
    path("aanvraag/<int:pk>/verantwoorden/", views.report, name="report"),
    path("overzicht/", views.overview, name="overview"),
    path("overzicht/oproep/<int:pk>/", views.call_overview, name="call_overview"),
    path("overzicht/nieuwe-oproep/", views.call_create, name="call_create"),
]
