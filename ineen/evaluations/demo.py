"""Demo data for the evaluation questionnaires (issue 11, point 7): conferences of the demo house that ended
in the past months, evaluated by their professionals and, at the debrief, by one household member each, so
the aggregates page (/evaluaties/) shows numbers, a suppressed small cell and response rates below 100%; and
one conference that ended three days ago which casusregisseur@ still has to evaluate (Mijn werk)."""

import random
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import Case, TeamMembership
from ineen.conferences import schedule
from ineen.conferences.enums import ConferenceKind, ConferenceState
from ineen.conferences.models import Conference
from ineen.guide.enums import Phase

from . import actions
from .enums import CLIENT_KINDS, PROFESSIONAL_KINDS
from .models import EvaluationResponse

# days ago each conference ended: six last quarter or so, two recent ones (a small cell: "<5")
ENDED_DAYS_AGO = [75, 82, 90, 97, 104, 111, 12, 19]


def _conference(case, chair, days_ago):
    fields = {
        "case": case,
        "actor": chair,
        "kind": ConferenceKind.MDA,
        "phase": Phase.IMMEDIATE_SAFETY,
        "goal": "Samen zicht krijgen op de veiligheid en een plan maken.",
        "starts_at": (timezone.now() + timedelta(days=40)).replace(hour=10, minute=0, second=0, microsecond=0),
        "location": "Zorg- en Veiligheidshuis, spreekkamer 2",
    }
    try:
        conference = schedule.schedule(**fields)
    except ValidationError:
        other = case.household.members.order_by("pk")[1]
        conference = schedule.schedule(**fields, not_invited={other: "Deze ouder wordt apart gesproken."})
    team = TeamMembership.objects.filter(case=case, active_until__isnull=True).select_related("user")
    for membership in team:
        if not conference.invitations.filter(user=membership.user).exists():
            schedule.invite_user(
                conference=conference,
                actor=chair,
                part=conference.parts.first(),
                user=membership.user,
                reason="Betrokken bij het gezin.",
            )
    # scheduling refuses the past: moved back afterwards
    started = conference.starts_at - timedelta(days=40 + days_ago)
    Conference.objects.filter(pk=conference.pk).update(
        state=ConferenceState.ENDED, starts_at=started, started_at=started, ended_at=started + timedelta(minutes=90)
    )
    conference.refresh_from_db()
    return conference, [m for m in team]


def _values(rng, kinds, base):
    grouped = actions.items(actions.current_version(), kinds)
    return {
        (item.kind, item.key): max(0, min(10, base + rng.randint(-2, 2)))
        for kind_items in grouped.values()
        for item in kind_items
    }


def seed(house, users):
    if EvaluationResponse.objects.filter(conference__case__safety_house=house).exists():
        return
    rng = random.Random(11)  # noqa: S311 - demo data
    chair = users["procesregisseur"]
    cases = list(
        Case.objects.filter(safety_house=house, state=CaseState.ACTIVE, team__isnull=False).distinct().order_by("pk")
    )
    for index, days_ago in enumerate(ENDED_DAYS_AGO):
        if not cases:
            return
        case = cases[index % len(cases)]
        conference, team = _conference(case, chair, days_ago)
        for membership in team[: max(1, len(team) - (index % 2))]:  # now and then one did not answer
            actions.submit_professional(
                conference=conference, actor=membership.user, values=_values(rng, PROFESSIONAL_KINDS, 7)
            )
        director = next((m.user for m in team if m.role == TeamRole.CASE_DIRECTOR), None)
        person = conference.invitations.filter(person__isnull=False).select_related("person").first()
        if director and person:
            actions.submit_with_client(
                conference=conference,
                actor=director,
                person=person.person,
                values=_values(rng, CLIENT_KINDS, 6),
                comment="",
            )
    # pending for the demo case director: a conference that ended three days ago
    director = users["casusregisseur"]
    directed = [c for c in cases if c.team.filter(user=director, active_until__isnull=True).exists()]
    if directed:
        _conference(directed[0], chair, 3)  # the case director is in its team, so invited
