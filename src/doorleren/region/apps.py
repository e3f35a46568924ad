from django.apps import AppConfig


class RegionConfig(AppConfig):
    name = "doorleren.region"
    label = "region"
