from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ineen.api"
    label = "ineen_api"
    verbose_name = "API"
