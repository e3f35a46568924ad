"""URLs of the monitoring pages: statistics (docs/monitoring.md)."""

urlpatterns: list = []
