from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "doorleren.accounts"
    label = "accounts"
