"""API of the monitoring app: statistics (docs/monitoring.md)."""

urlpatterns: list = []
