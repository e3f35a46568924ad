"""API of the monitoring app: dashboard (docs/monitoring.md)."""

urlpatterns: list = []
