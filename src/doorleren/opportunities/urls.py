from django.urls import path

from . import views

app_name = "opportunities"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
]

# Organisations place, change and close work (docs/opportunities.md, "Werk plaatsen").
from . import views_manage  # noqa: E402

urlpatterns += [
    path("mijn/", views_manage.manage_list, name="manage_list"),
    path("nieuw/", views_manage.manage_create, name="manage_create"),
    path("<int:pk>/wijzigen/", views_manage.manage_edit, name="manage_edit"),
    path("<int:pk>/sluiten/", views_manage.manage_close, name="manage_close"),
]
