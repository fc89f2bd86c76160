"""Demo data for the plan between meetings (issue 10): on one active case of Haaglanden with the demo
professional veiligthuis@ineen.example in the team, an action with progress, an overdue action, a
carried-over action, a plan change waiting for veiligthuis' answer, an applied change in the plan's
history, and a plan review that is due. The other active cases get a recent review, so "review due"
stands out on Mijn werk instead of flooding it. Called from seed_demo with one line."""

import datetime

from django.utils import timezone

from ineen.cases import actions as case_actions
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import Case

from . import actions, changes, progress
from .models import PlanAction, PlanReview


def _action(case, owner, what, days, reason, towards="family"):
    return PlanAction.objects.create(
        case=case,
        what=what,
        owner=owner,
        owner_organisation=owner.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=days),
        reason=reason,
        towards=towards,
    )


def seed(users) -> None:
    professional, chair = users["veiligthuis"], users["procesregisseur"]
    today = timezone.localdate()
    active = list(
        Case.objects.filter(state=CaseState.ACTIVE, safety_house__code="hgl").select_related(
            "household", "safety_house"
        )
    )
    if not active:
        return
    case = next((c for c in active if c.team.filter(user=professional).exists()), active[0])
    if not case.team.filter(user=professional).exists():
        case_actions.add_team_member(case=case, user=professional, role=TeamRole.PROFESSIONAL, actor=chair)
    director = case.team.filter(role=TeamRole.CASE_DIRECTOR).select_related("user").first()
    director = director.user if director else chair
    for other in active:
        if other.pk != case.pk:
            PlanReview.objects.create(
                case=other,
                held_on=today - datetime.timedelta(days=10),
                with_whom="Moeder en de casusregisseur.",
                outcome="De afspraken lopen; volgende evaluatie over zes weken.",
                recorded_by=chair,
            )
    safety = _action(case, professional, "Veiligheidsplan bespreken met moeder.", 5, "Zorg: escalaties in de avond.")
    progress.record_progress(action=safety, actor=professional, text="Eerste gesprek gevoerd; moeder staat open.")
    _action(
        case,
        professional,
        "Risicotaxatie delen met de casusregisseur.",
        -6,
        "Risico: onbekend hoe vaak het misgaat.",
        "professionals",
    )
    school = _action(case, director, "School vragen naar het verzuim van de jongste.", -20, "Zorg: verzuim op school.")
    actions.carry_over_action(action=school, actor=director, seen_version=1, due_on=today + datetime.timedelta(days=7))
    coach = _action(case, professional, "Aanmelding opvoedondersteuning doen.", 10, "Zorg: opvoedvragen van vader.")
    changes.propose_change(
        case=case,
        actor=director,
        kind="action_change",
        action=coach,
        due_on=today + datetime.timedelta(days=24),
        reason="De wachtlijst van de opvoedondersteuning is vier weken; eerder aanmelden heeft geen zin.",
    )
    old = _action(case, professional, "Huisbezoek samen met de wijkagent.", 3, "Zorg: onrust in de straat.")
    dropped = changes.propose_change(
        case=case,
        actor=director,
        kind="drop_action",
        action=old,
        reason="De wijkagent heeft het huisbezoek al gedaan; dubbel werk voor het gezin.",
    )
    if dropped.state == "open":
        changes.respond_to_change(change=dropped, actor=professional, answer="agree")
