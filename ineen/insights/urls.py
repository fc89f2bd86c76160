from django.urls import path

from . import dossier_views, measurement_views, timeline_views

app_name = "insights"

urlpatterns: list = [
    path("inzicht/dossieranalyse/", dossier_views.report, name="dossier"),
    path("inzicht/dossieranalyse/csv/", dossier_views.export_csv, name="dossier_csv"),
    path("inzicht/dossieranalyse/xlsx/", dossier_views.export_xlsx, name="dossier_xlsx"),
    path("casussen/<uuid:public_id>/metingen/", measurement_views.case_measurements, name="measurements"),
    path("casussen/<uuid:public_id>/tijdlijn/", timeline_views.case_timeline, name="timeline"),
]
