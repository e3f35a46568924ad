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

# Signals for coaches: fraud and error checks (docs/enrolments.md, "Signalen voor coaches").
from . import views_anomalies  # noqa: E402

urlpatterns += [
    path("inschrijvingen/signalen/", views_anomalies.anomaly_list, name="anomalies"),
    path("inschrijvingen/signalen/besluit/", views_anomalies.anomaly_review, name="anomaly_review"),
]
