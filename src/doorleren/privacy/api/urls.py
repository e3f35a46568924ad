"""``/api/v1/privacy/``: the logged-in resident's own data."""

from django.urls import path

from . import views

urlpatterns = [
    path("my-data/", views.MyDataView.as_view(), name="privacy-my-data"),
]
