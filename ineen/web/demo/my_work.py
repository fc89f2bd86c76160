"""Demo data for Mijn werk (issue 10): every section of the page has something for the three demo accounts
people try first. veiligthuis@ and casusregisseur@ own an overdue and a coming action, guard a bottom line
and are invited to a coming conference with their preparation still to do; procesregisseur@ chairs those
conferences (no opening summary yet) and one that ended without a phase decision."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from ineen.cases.enums import CaseState
from ineen.cases.models import Case, TeamMembership
from ineen.conferences import schedule
from ineen.conferences.enums import ConferenceKind, ConferenceState
from ineen.conferences.models import Conference
from ineen.guide.enums import Phase
from ineen.plans.models import BottomLine, PlanAction

ACTIONS = [
    (-5, "Huisbezoek afleggen en het veiligheidsplan doornemen met moeder."),
    (6, "Navragen bij school hoe het met de kinderen gaat."),
]


def _cases_of(user, code="hgl"):
    ids = TeamMembership.objects.filter(user=user, active_until__isnull=True).values("case_id")
    return list(Case.objects.filter(pk__in=ids, safety_house__code=code, state=CaseState.ACTIVE).order_by("pk"))


def _plan(user, case, chair):
    today = timezone.localdate()
    for days, what in ACTIONS:
        PlanAction.objects.create(
            case=case,
            what=what,
            owner=user,
            owner_organisation=user.organisation,
            due_on=today + timedelta(days=days),
            reason="Zorg om de directe veiligheid van de kinderen.",
        )
    BottomLine.objects.create(
        case=case,
        text="De kinderen zijn niet alleen met vader zonder begeleiding.",
        guardian=user,
        guardian_organisation=user.organisation,
        how_we_know="Moeder en school geven het door; Veilig Thuis vraagt het wekelijks na.",
        on_breach="Direct overleg met de procesregisseur; Veilig Thuis overweegt een melding bij de Raad.",
    )


def _schedule(case, chair, days):
    fields = {
        "case": case,
        "actor": chair,
        "kind": ConferenceKind.MDA,
        "phase": Phase.IMMEDIATE_SAFETY,
        "goal": "De voortgang van het plan bespreken en de bodemeisen nalopen.",
        "starts_at": (timezone.now() + timedelta(days=days)).replace(hour=14, minute=0, second=0, microsecond=0),
        "location": "Zorg- en Veiligheidshuis, spreekkamer 1",
    }
    try:
        return schedule.schedule(**fields)
    except ValidationError:
        # Stalking between the parents: one of them is spoken with separately (as in seed_demo).
        other = case.household.members.order_by("pk")[1]
        return schedule.schedule(**fields, not_invited={other: "Er speelt stalking; deze ouder wordt apart gesproken."})


def _invite(user, case, chair):
    """Make sure `user` is invited to a coming conference of `case` (scheduling one if needed)."""
    planned = Conference.objects.filter(case=case, state=ConferenceState.PLANNED).first() or _schedule(case, chair, 4)
    if not planned.invitations.filter(user=user).exists():
        schedule.invite_user(
            conference=planned,
            actor=chair,
            part=planned.parts.first(),
            user=user,
            reason="Betrokken bij het gezin; kent de actuele situatie.",
        )


def seed(users):
    chair = users["procesregisseur"]
    for key in ("veiligthuis", "casusregisseur"):
        user = users[key]
        cases = _cases_of(user)
        if not cases:
            continue
        _plan(user, cases[0], chair)
        _invite(user, cases[-1], chair)
    # A meeting that ended without a phase decision: the chair's list says the report is not finished.
    cases = _cases_of(users["casusregisseur"]) or _cases_of(users["veiligthuis"])
    if cases:
        ended = _schedule(cases[0], chair, 30)  # scheduling refuses the past: moved back afterwards
        started = ended.starts_at - timedelta(days=37)
        Conference.objects.filter(pk=ended.pk).update(
            state=ConferenceState.ENDED, starts_at=started, started_at=started, ended_at=started + timedelta(minutes=90)
        )
