"""URLs of the monitoring pages: evaluation, "Werkt het?" (docs/monitoring-evaluation.md)."""

from django.urls import path

from .views import evaluation

urlpatterns = [
    path("maatregelen/<int:pk>/effect/", evaluation.measure_effect, name="measure_effect"),
]
