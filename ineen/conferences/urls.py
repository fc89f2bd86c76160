"""Conference routes. Each area has its own view module; every view declares its access rule."""

from django.urls import path

from .views import workspace

app_name = "conferences"

urlpatterns: list = [
    # scheduling, invitations, preparation: views/schedule.py, views/prepare.py
    # live workspace: views/workspace.py
    path("overleggen/<uuid:public_id>/werkruimte/", workspace.workspace, name="workspace"),
    path("overleggen/<uuid:public_id>/werkruimte/nieuw/", workspace.workspace_poll, name="workspace_poll"),
    path("overleggen/<uuid:public_id>/werkruimte/starten/", workspace.workspace_start, name="workspace_start"),
    path("overleggen/<uuid:public_id>/werkruimte/stap/", workspace.workspace_step, name="workspace_step"),
    path("overleggen/<uuid:public_id>/werkruimte/tijden/", workspace.workspace_budgets, name="workspace_budgets"),
    path("overleggen/<uuid:public_id>/werkruimte/cijfer/", workspace.workspace_score, name="workspace_score"),
    path("overleggen/<uuid:public_id>/werkruimte/cijfers-tonen/", workspace.workspace_reveal,
         name="workspace_reveal"),
    path("overleggen/<uuid:public_id>/werkruimte/inbreng/", workspace.workspace_contribution,
         name="workspace_contribution"),
    path("overleggen/<uuid:public_id>/werkruimte/ideeen/<uuid:item_id>/prioriteit/", workspace.workspace_priority,
         name="workspace_priority"),
    path("overleggen/<uuid:public_id>/werkruimte/top3/", workspace.workspace_top, name="workspace_top"),
    path("overleggen/<uuid:public_id>/werkruimte/top3/kiezen/", workspace.workspace_top_pick,
         name="workspace_top_pick"),
    path("overleggen/<uuid:public_id>/werkruimte/top3/leegmaken/", workspace.workspace_top_clear,
         name="workspace_top_clear"),
    path("overleggen/<uuid:public_id>/werkruimte/incidenten/", workspace.workspace_incident,
         name="workspace_incident"),
    path("overleggen/<uuid:public_id>/werkruimte/fasebesluit/", workspace.workspace_phase, name="workspace_phase"),
    path("overleggen/<uuid:public_id>/werkruimte/acties/", workspace.workspace_action, name="workspace_action"),
    path("overleggen/<uuid:public_id>/werkruimte/bodemeisen/", workspace.workspace_bottom_line,
         name="workspace_bottom_line"),
    path("overleggen/<uuid:public_id>/werkruimte/afspraken/", workspace.workspace_agreement,
         name="workspace_agreement"),
    path("overleggen/<uuid:public_id>/werkruimte/volgend-overleg/", workspace.workspace_next, name="workspace_next"),
    path("overleggen/<uuid:public_id>/werkruimte/aantekeningen/", workspace.workspace_note, name="workspace_note"),
    path("overleggen/<uuid:public_id>/werkruimte/aantekeningen/<uuid:note_id>/", workspace.workspace_note_edit,
         name="workspace_note_edit"),
    # report: views/report.py
]
