from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "doorleren.taxonomy"
    label = "taxonomy"
