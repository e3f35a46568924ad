from django.urls import path

from doorleren.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.module_list, name="module_list"),
    path("modules/<int:pk>/", views.module_detail, name="module_detail"),
    path("certificaten/", views.certificate_list, name="certificate_list"),
    path("certificaten/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("diplomas/<int:pk>/", views.diploma_detail, name="diploma_detail"),
    path("praktijk/", views.practical_list, name="practical_list"),
    path("inlezen/", views.module_import, name="import"),
    path("inlezen/voorbeeld.csv", views.import_example, name="import_example"),
]

# A company offers learning in practice (docs/opportunities.md, "Leren bij bedrijven").
from doorleren.learning import views_practical  # noqa: E402

urlpatterns += [path("praktijk/nieuw/", views_practical.practical_create, name="practical_create")]
