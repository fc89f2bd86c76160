from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Seeing whether it works (issue 13): repeated measurement, a family's timeline, the dossier analysis."""

    name = "ineen.insights"
    verbose_name = "Inzicht"
