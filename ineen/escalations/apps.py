from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "ineen.escalations"
    label = "escalations"
