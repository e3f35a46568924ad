from django.urls import path

from doorleren.learning.api import views

urlpatterns = [
    path("modules/", views.ModuleListView.as_view(), name="learning-module-list"),
    path("modules/import/", views.ModuleImportView.as_view(), name="learning-module-import"),
    path("modules/<int:pk>/", views.ModuleDetailView.as_view(), name="learning-module-detail"),
    path("certificates/", views.CertificateListView.as_view(), name="learning-certificate-list"),
    path("certificates/<int:pk>/", views.CertificateDetailView.as_view(), name="learning-certificate-detail"),
    path("diplomas/", views.DiplomaListView.as_view(), name="learning-diploma-list"),
    path("diplomas/<int:pk>/", views.DiplomaDetailView.as_view(), name="learning-diploma-detail"),
    path("practical-offers/", views.PracticalOfferListView.as_view(), name="learning-practical-offer-list"),
]
