from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Loading a safety house's existing case files (issue 13, point 4)."""

    name = "ineen.imports"
    verbose_name = "Import van bestaande dossiers"
