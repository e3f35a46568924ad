"""Pages of the matching app. Included in conf/urls.py without a prefix, so every path here is whole
(and must not clash with the apps included before it)."""

from django.urls import path

from . import views, views_candidates, views_picture, views_work

app_name = "matching"
urlpatterns = [
    path("werk/passend/", views_work.work_matches, name="work"),
    path("leren/route/", views.route, name="route"),
    path("werk/<int:pk>/kandidaten/", views_candidates.candidates, name="candidates"),
    # The regional picture (programme office, schools, administrators); not under regio/, so a
    # future page of the region app (regio/<code>/) cannot swallow it.
    path("regionaal-beeld/", views_picture.picture, name="picture"),
    path("regionaal-beeld.csv", views_picture.picture_csv, name="picture_csv"),
]
# "Wat moet ik leren?": keep a route (POST only), and the resident's kept routes ("Mijn leerroutes").
urlpatterns += [
    path("leren/route/bewaren/", views.route_save, name="route_save"),
    path("leren/mijn-routes/", views.saved_routes, name="saved_routes"),
    path("leren/mijn-routes/<int:pk>/verwijderen/", views.saved_route_delete, name="saved_route_delete"),
]
