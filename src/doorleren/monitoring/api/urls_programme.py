"""API of the monitoring app: programme (docs/monitoring.md)."""

urlpatterns: list = []
