from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "doorleren.learning"
    label = "learning"
