"""Privacy pages under /account/ (next to accounts' pages; the names are namespaced ``privacy:``)."""

from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("mijn-gegevens/", views.my_data, name="my_data"),
    path("mijn-gegevens/download.json", views.my_data_json, name="my_data_json"),
    path("mijn-gegevens/download.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("wie-bekeek-mijn-profiel/", views.views, name="views"),
    path("verwijderen/", views.delete, name="delete"),
]
