from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "ineen.households"
    label = "households"
