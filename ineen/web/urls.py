from django.urls import path

from ineen.accounts import views as account_views

from .views import attachments, cases, dashboard, direction, household, overview, referral, team, triage

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("mfa-instellen/", dashboard.mfa_required, name="mfa_required"),
    path("account/inschrijfcode/", account_views.enrolment_code, name="mfa_enrolment_code"),
    path("aanmelden/", referral.referral_new, name="referral_new"),
    path("aanmeldingen/<uuid:public_id>/", referral.referral_detail, name="referral_detail"),
    path("casussen/", cases.case_list, name="case_list"),
    path("casussen/<uuid:public_id>/", cases.case_detail, name="case_detail"),
    path("casussen/<uuid:public_id>/huishouden/", overview.case_household, name="case_household"),
    path("casussen/<uuid:public_id>/hulpverlening/", overview.case_services, name="case_services"),
    path("casussen/<uuid:public_id>/afsluiten/", direction.case_close, name="case_close"),
    # Between the meetings (issue 10): warm handover, aftercare, the standing triage meeting.
    path("casussen/<uuid:public_id>/overdracht/", direction.case_handover, name="case_handover"),
    path("casussen/<uuid:public_id>/overdracht/schrijven/", direction.handover_write, name="handover_write"),
    path("casussen/<uuid:public_id>/nazorg/", direction.case_followup, name="case_followup"),
    path("weegoverleg/nieuw/", direction.triage_meeting_new, name="triage_meeting_new"),
    path("weegoverleg/<uuid:meeting_id>/", direction.triage_meeting, name="triage_meeting"),
    path(
        "weegoverleg/<uuid:meeting_id>/<uuid:item_id>/uitkomst/",
        direction.triage_meeting_outcome,
        name="triage_meeting_outcome",
    ),
    path("casussen/<uuid:public_id>/heropenen/", cases.case_reopen, name="case_reopen"),
    path("casussen/<uuid:public_id>/weegoverleg/", triage.triage, name="triage"),
    path("casussen/<uuid:public_id>/weegoverleg/besluit/", triage.triage_decide, name="triage_decide"),
    path("casussen/<uuid:public_id>/casusregisseur/", team.case_director, name="case_director"),
    path("casussen/<uuid:public_id>/team/toevoegen/", team.team_add, name="team_add"),
    path("casussen/<uuid:public_id>/team/<uuid:membership_id>/beeindigen/", team.team_end, name="team_end"),
    path("casussen/<uuid:public_id>/huishouden/<slug:kind>/toevoegen/", household.household_add, name="household_add"),
    path("casussen/<uuid:public_id>/notities/toevoegen/", household.note_add, name="note_add"),
    path("casussen/<uuid:public_id>/bijlagen/", overview.case_attachments, name="case_attachments"),
    path("casussen/<uuid:public_id>/bijlagen/toevoegen/", attachments.attachment_add, name="attachment_add"),
    path(
        "casussen/<uuid:public_id>/bijlagen/<uuid:attachment_id>/",
        attachments.attachment_download,
        name="attachment_download",
    ),
    path(
        "casussen/<uuid:public_id>/bijlagen/<uuid:attachment_id>/verwijderen/",
        attachments.attachment_remove,
        name="attachment_remove",
    ),
    path("casussen/<uuid:public_id>/gezinsleden/<uuid:person_id>/wijzigen/", household.person_edit, name="person_edit"),
]
