"""``/api/v1/placement/``: rounds of practical assignments (docs/placement.md, "In het platform")."""

from django.urls import path

from . import views

urlpatterns = [
    path("rounds/", views.RoundListView.as_view(), name="placement-rounds"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="placement-round"),
    path("rounds/<int:pk>/my-choices/", views.MyChoicesView.as_view(), name="placement-my-choices"),
    path("rounds/<int:pk>/my-result/", views.MyResultView.as_view(), name="placement-my-result"),
    path(
        "rounds/<int:pk>/assignments/<int:assignment_pk>/ranking/",
        views.RankingView.as_view(),
        name="placement-ranking",
    ),
    path("rounds/<int:pk>/allocate/", views.AllocateView.as_view(), name="placement-allocate"),
]

# The organiser puts practical assignments in an open round (POST rounds/ starts one: RoundListView).
urlpatterns += [
    path(
        "rounds/<int:pk>/assignments/",
        views.RoundAssignmentsView.as_view(),
        name="placement-round-assignments",
    ),
]
