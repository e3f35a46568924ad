from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "doorleren.profiles"
    label = "profiles"
