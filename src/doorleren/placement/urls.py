from django.urls import path

from . import views, views_teams

app_name = "placement"
urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("werkplaatsen/", views_teams.workshops, name="workshops"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/sluiten/", views.close, name="close"),
    path("<int:pk>/plaatsen/", views.allocate, name="allocate"),
    path("<int:pk>/kiezen/", views.choose, name="choose"),
    path("<int:pk>/mijn-plek/", views.mine, name="mine"),
    path("<int:pk>/opdracht/<int:assignment_pk>/sollicitanten/", views.applicants, name="applicants"),
    path("<int:pk>/opdracht/<int:assignment_pk>/team/", views_teams.team, name="team"),
]

# The organiser's pages (views_organiser.py): start a round, add an assignment, add members.
from . import views_organiser  # noqa: E402

urlpatterns += [
    path("nieuw/", views_organiser.round_new, name="round_new"),
    path("<int:pk>/opdracht-toevoegen/", views_organiser.assignment_add, name="assignment_add"),
    path("werkplaatsen/<int:pk>/leden/", views_organiser.members, name="members"),
]
