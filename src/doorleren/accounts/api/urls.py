from django.urls import path

from doorleren.accounts.api import views

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="accounts-me"),
    path("consents/", views.ConsentListGrantApi.as_view(), name="accounts-consent-list"),
    path("consents/revoke/", views.ConsentRevokeApi.as_view(), name="accounts-consent-revoke"),
]
