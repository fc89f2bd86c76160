from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "ineen.evaluations"
    verbose_name = "Evaluaties"
