from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "doorleren.matching"
    label = "matching"
