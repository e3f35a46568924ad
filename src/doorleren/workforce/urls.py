"""Pages of the employer's journey (docs/workforce.md). Whole paths: /bedrijf/... for employers,
/mijn-ontwikkelplan/... for residents."""

from django.urls import path

from .views import employee, employer, join, plans

app_name = "workforce"
urlpatterns = [
    path("bedrijf/aanmelden/", join.join, name="join"),
    path("bedrijf/scan/", employer.scan, name="scan"),
    path("bedrijf/rollen/nieuw/", employer.role_create, name="role_create"),
    path("bedrijf/rollen/<int:pk>/", employer.role_detail, name="role"),
    path("bedrijf/rollen/<int:pk>/bewerken/", employer.role_edit, name="role_edit"),
    path("bedrijf/rollen/<int:pk>/verwijderen/", employer.role_delete, name="role_delete"),
    path("bedrijf/rollen/<int:pk>/uit-de-kaart/", employer.role_from_map, name="role_from_map"),
    path("bedrijf/rollen/<int:pk>/competenties/", employer.competency_set, name="competency_set"),
    path("bedrijf/rollen/<int:pk>/competenties/weg/", employer.competency_remove, name="competency_remove"),
    path("bedrijf/rollen/<int:pk>/medewerkers/", employer.holder_invite, name="holder_invite"),
    path("bedrijf/medewerkers/<int:pk>/weg/", employer.holder_remove, name="holder_remove"),
    path("bedrijf/medewerkers/<int:pk>/plan/", employer.plan_propose, name="plan_propose"),
    path("bedrijf/plannen/", plans.plans, name="plans"),
    path("bedrijf/plannen.csv", plans.plans_csv, name="plans_csv"),
    path("bedrijf/plannen.pdf", plans.plans_pdf, name="plans_pdf"),
    path("bedrijf/plannen/<int:pk>/", plans.plan_detail, name="plan"),
    path("bedrijf/plannen/<int:pk>.csv", plans.plan_csv, name="plan_csv"),
    path("bedrijf/plannen/<int:pk>.pdf", plans.plan_pdf, name="plan_pdf"),
    path("mijn-ontwikkelplan/", employee.mine, name="mine"),
    path("mijn-ontwikkelplan/uitnodigingen/<int:pk>/", employee.invitation_answer, name="invitation_answer"),
    path("mijn-ontwikkelplan/<int:pk>/", employee.my_plan, name="my_plan"),
    path("mijn-ontwikkelplan/<int:pk>/besluit/", employee.my_plan_decide, name="my_plan_decide"),
    path("mijn-ontwikkelplan/<int:pk>.csv", employee.my_plan_csv, name="my_plan_csv"),
    path("mijn-ontwikkelplan/<int:pk>.pdf", employee.my_plan_pdf, name="my_plan_pdf"),
]
