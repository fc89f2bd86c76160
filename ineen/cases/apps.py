from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ineen.cases"
    label = "cases"
