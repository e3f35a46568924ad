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
