"""Escalation routes. Views declare their access rule."""

from django.urls import path

from . import views

app_name = "escalations"

urlpatterns: list = [
    path("casussen/<uuid:public_id>/opschalen/", views.case_escalations, name="case_list"),
    path("casussen/<uuid:public_id>/opschalen/nieuw/", views.escalation_new, name="new"),
    path("casussen/<uuid:public_id>/opschalen/<uuid:escalation_id>/", views.escalation_detail, name="detail"),
    path("casussen/<uuid:public_id>/plan/bodemeisen/<uuid:line_id>/schending/", views.breach_new, name="breach_new"),
    path("opschalingen/<uuid:escalation_id>/", views.manager_detail, name="manager_detail"),
    path("knelpuntenregister/", views.barrier_register, name="barriers"),
]
