from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "doorleren.demo"
    label = "demo"
