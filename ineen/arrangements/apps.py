from django.apps import AppConfig


class ArrangementsConfig(AppConfig):
    """Family profiles, arrangement templates and the partners' catalogue (issue 13, point 5; seed 004)."""

    name = "ineen.arrangements"
    verbose_name = "Gezinsprofielen en arrangementen"

    def ready(self):
        from . import signals  # noqa: F401  (a new safety house gets the five profiles)
