from django.urls import path  # noqa: F401  (routes are added per capability)

from . import measurement_views, timeline_views

app_name = "insights"

urlpatterns: list = [
    path("casussen/<uuid:public_id>/metingen/", measurement_views.case_measurements, name="measurements"),
    path("casussen/<uuid:public_id>/tijdlijn/", timeline_views.case_timeline, name="timeline"),
]
