from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "doorleren.opportunities"
    label = "opportunities"
