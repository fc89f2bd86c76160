from django.urls import path

from . import views, views_disputes, views_exports

app_name = "privacy"

urlpatterns = [
    path("casussen/<uuid:public_id>/privacy/", views.privacy_overview, name="overview"),
    path(
        "casussen/<uuid:public_id>/privacy/toestemming/<uuid:consent_id>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "casussen/<uuid:public_id>/gezinsleden/<uuid:person_id>/geheim-adres/",
        views.confidential_address_edit,
        name="address_edit",
    ),
    path(
        "casussen/<uuid:public_id>/gezinsleden/<uuid:person_id>/geheim-adres/tonen/",
        views.confidential_address_reveal,
        name="address_reveal",
    ),
    path(
        "casussen/<uuid:public_id>/gezinsleden/<uuid:person_id>/geheim-adres/opheffen/",
        views.confidential_address_remove,
        name="address_remove",
    ),
    path(
        "casussen/<uuid:public_id>/gezinsleden/<uuid:person_id>/transparantie/", views.transparency, name="transparency"
    ),
    path(
        "casussen/<uuid:public_id>/gezinsleden/<uuid:person_id>/inzage-export/",
        views_exports.subject_export,
        name="subject_export",
    ),
    path(
        "casussen/<uuid:public_id>/informatie/<slug:kind>/<uuid:item_id>/betwisten/",
        views_disputes.dispute_raise,
        name="dispute_raise",
    ),
    path(
        "casussen/<uuid:public_id>/betwistingen/<uuid:dispute_id>/beantwoorden/",
        views_disputes.dispute_answer,
        name="dispute_answer",
    ),
    path("onderzoek/export/", views_exports.research_export, name="research_export"),
    path("noodtoegang/", views.break_glass, name="break_glass"),
    path("noodtoegang/overzicht/", views.break_glass_report, name="break_glass_report"),
    path("noodtoegang/<uuid:grant_id>/beoordelen/", views.break_glass_review, name="break_glass_review"),
]
