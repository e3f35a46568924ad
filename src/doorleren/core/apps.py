from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doorleren.core"
    label = "core"
