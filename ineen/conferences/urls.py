"""Conference routes. Each area has its own view module; every view declares its access rule."""

from django.urls import path

from .views import clients, documents, prepare, report, schedule, voice, workspace, workspace_decisions, workspace_items

app_name = "conferences"

urlpatterns: list = [
    # scheduling, invitations, preparation: views/schedule.py, views/prepare.py
    path("casussen/<uuid:public_id>/overleggen/nieuw/", schedule.schedule_new, name="schedule"),
    path("overleggen/<uuid:public_id>/", schedule.detail, name="detail"),
    path("overleggen/<uuid:public_id>/wijzigen/", schedule.edit, name="edit"),
    path("overleggen/<uuid:public_id>/annuleren/", schedule.cancel, name="cancel"),
    path("overleggen/<uuid:public_id>/uitnodigen/professional/", schedule.invite_user, name="invite_user"),
    path("overleggen/<uuid:public_id>/uitnodigen/gezinslid/", schedule.invite_person, name="invite_person"),
    path(
        "overleggen/<uuid:public_id>/uitnodigingen/<uuid:invitation_id>/intrekken/", schedule.uninvite, name="uninvite"
    ),
    path("overleggen/<uuid:public_id>/niet-uitnodigen/", schedule.non_invitation, name="non_invitation"),
    path("overleggen/<uuid:public_id>/uit-elkaar/", schedule.keep_apart, name="keep_apart"),
    path("overleggen/<uuid:public_id>/aanwezigheid/", schedule.attendance, name="attendance"),
    path("overleggen/<uuid:public_id>/voorbereiding/", prepare.preparation, name="prepare"),
    path("overleggen/<uuid:public_id>/voorbereiding/inbreng/", prepare.save_inputs, name="prepare_inputs"),
    path("overleggen/<uuid:public_id>/voorbereiding/overzicht/", prepare.overview, name="prepare_overview"),
    path("overleggen/<uuid:public_id>/voorbereiding/samenvatting/", prepare.save_summary, name="prepare_summary"),
    # clients at the table: views/clients.py
    path("overleggen/<uuid:public_id>/clienten/", clients.overview, name="clients"),
    path(
        "overleggen/<uuid:public_id>/clienten/<uuid:person_id>/voorbereidend-gesprek/",
        clients.talk,
        name="client_talk",
    ),
    # the household's own voice: views/voice.py (issue 11, points 6 and 9)
    path(
        "overleggen/<uuid:public_id>/clienten/<uuid:person_id>/eigen-cijfer/",
        voice.rate,
        name="self_rating",
    ),
    path("overleggen/<uuid:public_id>/eigen-deel-jongere/", voice.youth_part, name="youth_part"),
    path("overleggen/<uuid:public_id>/clienten/aanwezigheid/", clients.attendance, name="client_attendance"),
    path(
        "overleggen/<uuid:public_id>/clienten/<uuid:person_id>/eigen-versie/",
        clients.own_guide_view,
        name="client_own_guide",
    ),
    # plain-language documents per household member: views/documents.py
    path(
        "overleggen/<uuid:public_id>/documenten/<uuid:person_id>/<slug:kind>/",
        documents.client_document,
        name="client_document",
    ),
    path(
        "overleggen/<uuid:public_id>/nabespreking/<uuid:follow_up_id>/wijzigen/",
        clients.follow_up_change,
        name="client_follow_up_change",
    ),
    path(
        "overleggen/<uuid:public_id>/nabespreking/<uuid:follow_up_id>/gedaan/",
        clients.follow_up_done,
        name="client_follow_up_done",
    ),
    # live workspace: views/workspace.py, workspace_items.py, workspace_decisions.py
    path("overleggen/<uuid:public_id>/werkruimte/", workspace.workspace, name="workspace"),
    path("overleggen/<uuid:public_id>/werkruimte/nieuw/", workspace.workspace_poll, name="workspace_poll"),
    path("overleggen/<uuid:public_id>/werkruimte/starten/", workspace.workspace_start, name="workspace_start"),
    path("overleggen/<uuid:public_id>/werkruimte/stap/", workspace.workspace_step, name="workspace_step"),
    path("overleggen/<uuid:public_id>/werkruimte/tijden/", workspace.workspace_budgets, name="workspace_budgets"),
    path("overleggen/<uuid:public_id>/werkruimte/cijfer/", workspace.workspace_score, name="workspace_score"),
    path("overleggen/<uuid:public_id>/werkruimte/cijfers-tonen/", workspace.workspace_reveal, name="workspace_reveal"),
    path(
        "overleggen/<uuid:public_id>/werkruimte/inbreng/",
        workspace_items.workspace_contribution,
        name="workspace_contribution",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/ideeen/<uuid:item_id>/prioriteit/",
        workspace_items.workspace_priority,
        name="workspace_priority",
    ),
    path("overleggen/<uuid:public_id>/werkruimte/top3/", workspace_decisions.workspace_top, name="workspace_top"),
    path(
        "overleggen/<uuid:public_id>/werkruimte/top3/kiezen/",
        workspace_decisions.workspace_top_pick,
        name="workspace_top_pick",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/top3/leegmaken/",
        workspace_decisions.workspace_top_clear,
        name="workspace_top_clear",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/incidenten/",
        workspace_decisions.workspace_incident,
        name="workspace_incident",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/fasebesluit/",
        workspace_decisions.workspace_phase,
        name="workspace_phase",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/acties/", workspace_decisions.workspace_action, name="workspace_action"
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/bodemeisen/",
        workspace_decisions.workspace_bottom_line,
        name="workspace_bottom_line",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/afspraken/",
        workspace_decisions.workspace_agreement,
        name="workspace_agreement",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/volgend-overleg/",
        workspace_decisions.workspace_next,
        name="workspace_next",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/aantekeningen/", workspace_items.workspace_note, name="workspace_note"
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/aantekeningen/<uuid:note_id>/intrekken/",
        workspace_items.workspace_note_withdraw,
        name="workspace_note_withdraw",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/inbreng/<uuid:item_id>/wijzigen/",
        workspace_items.workspace_contribution_edit,
        name="workspace_contribution_edit",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/inbreng/<uuid:item_id>/intrekken/",
        workspace_items.workspace_contribution_withdraw,
        name="workspace_contribution_withdraw",
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/projectie/", workspace.workspace_projector, name="workspace_projector"
    ),
    path(
        "overleggen/<uuid:public_id>/werkruimte/aantekeningen/<uuid:note_id>/",
        workspace_items.workspace_note_edit,
        name="workspace_note_edit",
    ),
    # report: views/report.py
    path("overleggen/<uuid:public_id>/verslag/", report.report_view, name="report"),
    path("overleggen/<uuid:public_id>/verslag/client/<uuid:person_id>/", report.client_report, name="client_report"),
]
