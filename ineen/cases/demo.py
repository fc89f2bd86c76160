"""Demo data for case direction, aftercare and the triage meeting (issue 10)."""

CLOSURE_PLAN = {
    "signals": "Ruzie thuis die uit de hand loopt; de kinderen missen weer school.",
    "who_acts": "Moeder belt het wijkteam; het wijkteam meldt opnieuw aan bij het Zorg- en Veiligheidshuis.",
    "contact_name": "Anouk de Vries",
    "contact_organisation": "Sociaal wijkteam Noord",
    "contact_reach": "Via het algemene nummer van het wijkteam, op werkdagen",
    "agreed_with": "Moeder, vader en het wijkteam.",
}


def seed(*, house, users: dict, chair) -> None:
    """Show issue 10 in the demo (called from seed_demo after the cases exist): a director change with an
    unread handover for casusregisseur@, a closed case whose follow-up check is due, a planned triage
    meeting with referrals on its agenda, and a referral answered with advice to its referrer."""
    from datetime import timedelta

    from django.utils import timezone

    from . import actions, direction, triage_meetings
    from .enums import CaseState, TriageDecision
    from .models import Case, ClosurePlan

    newcomer = users["casusregisseur"]
    active = Case.objects.filter(safety_house=house, state=CaseState.ACTIVE).order_by("pk")
    handed = next(
        (
            c
            for c in active
            if (a := direction.current_assignment(c)) is not None
            and a.director_id != newcomer.pk
            and a.director.is_active
        ),
        None,
    )
    if handed is not None:
        outgoing = direction.current_assignment(handed).director
        direction.write_handover(
            case=handed,
            actor=outgoing,
            note=(
                "Moeder wil eerst gebeld worden voordat er iemand langskomt. Vader reageert goed op de "
                "reclassering, minder op de politie. De afspraak met school over het verzuim loopt nog."
            ),
        )
        actions.assign_case_director(case=handed, director=newcomer, actor=chair)

    # The follow-up check of one closed case is due: closed three months ago.
    plan = ClosurePlan.objects.filter(case__safety_house=house, case__state=CaseState.CLOSED).order_by("pk").first()
    if plan is not None:
        ClosurePlan.objects.filter(pk=plan.pk).update(
            created_at=timezone.now() - timedelta(days=92), followup_due_on=timezone.localdate() - timedelta(days=2)
        )

    waiting = list(triage_meetings.waiting_for_triage(house).order_by("opened_at"))
    if len(waiting) >= 4:
        # One referral gets advice instead of being taken up: its referrer sees the reasons.
        actions.decide_triage(
            case=waiting[0],
            actor=chair,
            decision=TriageDecision.ADVICE,
            reasons=(
                "Het wijkteam kan dit zelf oppakken met steun van Veilig Thuis. Advies: maak een plan met het "
                "gezin en meld opnieuw aan als de veiligheid niet verbetert."
            ),
            clients_informed=True,
        )
        partners = [u for key in ("veiligthuis", "politie", "ggz") if (u := users.get(key))]
        triage_meetings.plan_meeting(
            house=house,
            actor=chair,
            starts_at=(timezone.now() + timedelta(days=4)).replace(hour=9, minute=30, second=0, microsecond=0),
            location="Zorg- en Veiligheidshuis, zaal De Hofvijver",
            invited=partners,
            cases=waiting[1:4],
        )
