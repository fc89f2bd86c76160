from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "ineen.conferences"
    label = "conferences"
