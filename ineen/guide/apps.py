from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "ineen.guide"
    label = "guide"
