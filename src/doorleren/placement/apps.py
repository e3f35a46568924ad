from django.apps import AppConfig


class PlacementConfig(AppConfig):
    name = "doorleren.placement"
    label = "placement"
