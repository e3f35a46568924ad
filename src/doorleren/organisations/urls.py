from django.urls import path

from doorleren.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
]

# The payout account of a school or a company that offers modules (docs/enrolments.md, "Signalen").
urlpatterns += [
    path("rekening/", views.organisation_iban_mine, name="iban_mine"),
    path("<int:pk>/rekening/", views.organisation_iban, name="iban"),
]
