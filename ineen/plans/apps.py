from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "ineen.plans"
    label = "plans"
