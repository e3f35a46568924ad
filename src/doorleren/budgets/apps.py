from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "doorleren.budgets"
    label = "budgets"
