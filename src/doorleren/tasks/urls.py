"""Pages of background work: /taken/ (docs/tasks.md)."""

from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/bestanden/<int:file_pk>/", views.job_file, name="file"),
]
