"""URLs of the monitoring pages: dashboard (docs/monitoring.md)."""

urlpatterns: list = []
