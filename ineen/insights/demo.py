"""Demo data for the repeated measurement and the timeline (issue 13): casusregisseur@'s case (the one the
clients demo uses) gets three held MDA++ meetings in the past, 100, 70 and 40 days ago, each with the
team's scores, the mother's own score and a phase decision, so the trend is visible: worry goes down,
the household moves from immediate safety to risk-driven care; the first meeting's scores lie far apart
(flagged), and one incident after the start counts as recurrence.

Held meetings of the past cannot be made through the live actions (they run from now), so the rows are
written directly, the way the conference tests build a held meeting; everything else of the demo goes
through the domain actions. Runs after clients_demo (its meetings exist then)."""

from datetime import timedelta

from django.utils import timezone

from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import Case, TeamMembership
from ineen.conferences.enums import (
    Attendance,
    ConferenceKind,
    ConferenceState,
    PartKind,
    PhaseDecisionKind,
    SelfRatingChannel,
    SelfRatingQuestion,
)
from ineen.conferences.models import Conference, ConferencePart, Invitation, PhaseDecision, ScalingScore, SelfRating
from ineen.guide.enums import Phase, Scale
from ineen.guide.models import GuideVersion
from ineen.households.enums import Relationship
from ineen.households.models import Incident
from ineen.privacy.enums import Basis, Visibility

# days ago, phase, the team's scores (in team order), the mother's own safety, decision
MEETINGS = [
    (100, Phase.IMMEDIATE_SAFETY, [2, 7, 3, 4], 3, PhaseDecisionKind.STAY),
    (70, Phase.IMMEDIATE_SAFETY, [5, 6, 5, 5], 5, PhaseDecisionKind.FORWARD),
    (40, Phase.STABLE_SAFETY, [6, 7, 7, 6], 6, PhaseDecisionKind.STAY),
]
GOAL = "De veiligheid thuis bespreken en de afspraken van vorige keer nalopen."
SCALE = {Phase.IMMEDIATE_SAFETY: Scale.IMMEDIATE_SAFETY, Phase.STABLE_SAFETY: Scale.STABLE_SAFETY}
REASONS = {
    PhaseDecisionKind.STAY: "De directe veiligheid is nog niet stabiel genoeg.",
    PhaseDecisionKind.FORWARD: "Er zijn veiligheidsafspraken en die worden nagekomen; door naar risicogestuurde zorg.",
}


def _case(director):
    ids = TeamMembership.objects.filter(user=director, active_until__isnull=True).values("case_id")
    return Case.objects.filter(pk__in=ids, safety_house__code="hgl", state=CaseState.ACTIVE).order_by("pk").first()


def seed(users):
    director, chair = users["casusregisseur"], users["procesregisseur"]
    case = _case(director)
    if case is None:
        return
    team = [
        m.user
        for m in TeamMembership.objects.filter(case=case, active_until__isnull=True)
        .exclude(role=TeamRole.EXPERT)
        .select_related("user")
        .order_by("pk")
    ]
    mother = case.household.members.filter(relationship=Relationship.PARENT).order_by("pk").first()
    guide = GuideVersion.objects.get(is_current=True)
    for days, phase, values, own, decision in MEETINGS:
        start = (timezone.now() - timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)
        conference = Conference.objects.create(
            case=case,
            kind=ConferenceKind.MDA,
            phase=phase,
            goal=GOAL,
            starts_at=start,
            started_at=start,
            ended_at=start + timedelta(minutes=90),
            location="Zorg- en Veiligheidshuis, spreekkamer 2",
            guide_version=guide,
            chair=chair,
            state=ConferenceState.ENDED,
            scores_revealed=True,
        )
        part = ConferencePart.objects.create(conference=conference, kind=PartKind.WHOLE, order=1)
        for user, value in zip(team, values, strict=False):
            Invitation.objects.create(
                conference=conference, part=part, user=user, reason="Betrokken.", attendance=Attendance.PHYSICAL
            )
            ScalingScore.objects.create(
                conference=conference, author=user, scale=SCALE[phase], value=value, justification="Zie het verslag."
            )
        if mother is not None:
            Invitation.objects.create(
                conference=conference,
                part=part,
                person=mother,
                reason="Gaat over haar gezin.",
                attendance=Attendance.PHYSICAL,
            )
            SelfRating.objects.create(
                conference=conference,
                person=mother,
                question=SelfRatingQuestion.SAFETY,
                value=own,
                words="Het wordt langzaam rustiger.",
                entered_by=chair,
                channel=SelfRatingChannel.AT_CONFERENCE,
            )
        PhaseDecision.objects.create(
            conference=conference,
            from_phase=phase,
            decision=decision,
            to_phase=Phase.STABLE_SAFETY if decision == PhaseDecisionKind.FORWARD else "",
            reason=REASONS[decision],
            decided_by=chair,
            decided_at=start + timedelta(minutes=80),
        )
    # One incident after the start (between the second and the third meeting): recurrence.
    Incident.objects.create(
        household=case.household,
        recorded_in=case,
        date=timezone.localdate() - timedelta(days=55),
        violence_types=["emotional"],
        description="Dreigende berichten na de omgangsregeling (verzonnen demodata).",
        source_organisation=director.organisation,
        visibility=Visibility.TEAM,
        basis=Basis.COVENANT,
    )
