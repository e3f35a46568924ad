"""URLs of the monitoring pages: programme (docs/monitoring-programme.md)."""

from django.urls import path

from .views import programme as views

urlpatterns = [
    path("programma/", views.programme, name="programme"),
    path("maatregelen/nieuw/", views.measure_create, name="measure_create"),
    path("maatregelen/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("maatregelen/<int:pk>/bewerken/", views.measure_update, name="measure_update"),
    path("maatregelen/<int:pk>/geschiedenis/", views.measure_history, name="measure_history"),
    path("maatregelen/<int:pk>/doel/", views.measure_target_add, name="measure_target_add"),
    path(
        "maatregelen/<int:pk>/doel/<int:target_pk>/weg/",
        views.measure_target_remove,
        name="measure_target_remove",
    ),
    path("maatregelen/<int:pk>/activiteit/", views.activity_create, name="activity_create"),
    path("maatregelen/<int:pk>/activiteit/<int:activity_pk>/", views.activity_update, name="activity_update"),
    path(
        "maatregelen/<int:pk>/activiteit/<int:activity_pk>/weg/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "maatregelen/<int:pk>/activiteit/<int:activity_pk>/resultaat/",
        views.activity_result_add,
        name="activity_result_add",
    ),
    path(
        "maatregelen/<int:pk>/resultaat/<int:result_pk>/weg/",
        views.activity_result_remove,
        name="activity_result_remove",
    ),
    path("maatregelen/<int:pk>/oordeel/", views.measure_judge, name="measure_judge"),
]
