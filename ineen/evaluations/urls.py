"""Evaluation routes. Views declare their access rule."""

from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns: list = [
    path("overleggen/<uuid:public_id>/evaluatie/", views.professional, name="professional"),
    path("overleggen/<uuid:public_id>/evaluatie/client/<uuid:person_id>/", views.with_client, name="with_client"),
    path("evaluaties/", views.aggregates, name="aggregates"),
]
