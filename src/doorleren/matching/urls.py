"""Pages of the matching app. Included in conf/urls.py without a prefix, so every path here is whole
(and must not clash with the apps included before it)."""

from django.urls import path

from . import views, views_work

app_name = "matching"
urlpatterns = [
    path("werk/passend/", views_work.work_matches, name="work"),
    path("leren/route/", views.route, name="route"),
]
