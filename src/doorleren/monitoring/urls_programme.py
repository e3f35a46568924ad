"""URLs of the monitoring pages: programme (docs/monitoring.md)."""

urlpatterns: list = []
