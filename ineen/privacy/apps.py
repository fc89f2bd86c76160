from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "ineen.privacy"
    label = "privacy"
