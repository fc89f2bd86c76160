from django.urls import path

from . import dossier_views

app_name = "insights"

urlpatterns: list = [
    path("inzicht/dossieranalyse/", dossier_views.report, name="dossier"),
    path("inzicht/dossieranalyse/csv/", dossier_views.export_csv, name="dossier_csv"),
    path("inzicht/dossieranalyse/xlsx/", dossier_views.export_xlsx, name="dossier_xlsx"),
]
