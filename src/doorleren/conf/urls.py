from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from doorleren.web.api_docs import api_docs_view

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    # Redoc with its own template and Content-Security-Policy (web/api_docs.py).
    path("docs/", api_docs_view, name="docs"),
    path("taxonomy/", include("doorleren.taxonomy.api.urls")),
    path("region/", include("doorleren.region.api.urls")),
    path("organisations/", include("doorleren.organisations.api.urls")),
    path("learning/", include("doorleren.learning.api.urls")),
    path("profile/", include("doorleren.profiles.api.urls")),
    path("opportunities/", include("doorleren.opportunities.api.urls")),
    path("accounts/", include("doorleren.accounts.api.urls")),
    path("budgets/", include("doorleren.budgets.api.urls")),
    path("enrolments/", include("doorleren.enrolments.api.urls")),
    path("fund/", include("doorleren.fund.api.urls")),
    path("workforce/", include("doorleren.workforce.api.urls")),
    path("placement/", include("doorleren.placement.api.urls")),
    path("monitoring/", include("doorleren.monitoring.api.urls")),
    path("privacy/", include("doorleren.privacy.api.urls")),
]

urlpatterns = [
    path("api/v1/", include((api_v1, "api-v1"))),
    path("i18n/setlang/", set_language, name="set_language"),
    path("beheer/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("doorleren.web.urls")),
    path("account/", include("doorleren.accounts.urls")),
    path("account/", include("doorleren.privacy.urls")),  # privacy:my_data, privacy:views, privacy:delete
    path("taxonomie/", include("doorleren.taxonomy.urls")),
    path("regio/", include("doorleren.region.urls")),
    path("organisaties/", include("doorleren.organisations.urls")),
    path("leren/", include("doorleren.learning.urls")),
    path("profiel/", include("doorleren.profiles.urls")),
    path("werk/", include("doorleren.opportunities.urls")),
    # Whole paths inside (werk/passend/, ...); last, so the apps above keep their own paths.
    path("", include("doorleren.matching.urls")),
    path("budgetten/", include("doorleren.budgets.urls")),
    path("fonds/", include("doorleren.fund.urls")),
    # Whole paths inside: inschrijven/<module>/ and inschrijvingen/ (docs/enrolments.md).
    path("", include("doorleren.enrolments.urls")),
    # Whole paths inside: bedrijf/... and mijn-ontwikkelplan/ (docs/workforce.md).
    path("", include("doorleren.workforce.urls")),
    path("praktijk/", include("doorleren.placement.urls")),
    path("monitoring/", include("doorleren.monitoring.urls")),
    prefix_default_language=False,
)

handler400 = "doorleren.web.views.bad_request"
handler403 = "doorleren.web.views.permission_denied"
handler404 = "doorleren.web.views.page_not_found"
handler500 = "doorleren.web.views.server_error"

# Background work (issue 7, docs/tasks.md): a job's page at /taken/<id>/.
urlpatterns += i18n_patterns(path("taken/", include("doorleren.tasks.urls")), prefix_default_language=False)
