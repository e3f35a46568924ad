from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "doorleren.web"
    label = "web"
