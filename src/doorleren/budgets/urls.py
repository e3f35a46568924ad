from django.urls import path

from . import views

app_name = "budgets"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("wie-betaalt/", views.split, name="split"),
    path("overzicht/", views.ledger_overview, name="ledger_overview"),
]
