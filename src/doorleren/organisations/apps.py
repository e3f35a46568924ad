from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "doorleren.organisations"
    label = "organisations"
