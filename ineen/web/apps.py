from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ineen.web"
    label = "web"
