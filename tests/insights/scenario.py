"""A household measured over three held conferences (issue 13): the director, the member and the chair
score, Anna gives her own score (once at the table, once in a preparation talk), incidents before and after
the start (one of them source-only of another organisation), a closed part with the prosecutor."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

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
from ineen.households.enums import MeasureCategory, MeasureKind
from ineen.households.models import Incident, LegalMeasure
from ineen.privacy.enums import Basis, Visibility

from ..factories import OrganisationFactory, Role, make_user

# (days ago, phase, {who: value}, decision)
MEETINGS = [
    (90, Phase.IMMEDIATE_SAFETY, {"director": 2, "member": 7, "chair": 4}, PhaseDecisionKind.STAY),
    (60, Phase.IMMEDIATE_SAFETY, {"director": 5, "member": 6, "chair": 5}, PhaseDecisionKind.FORWARD),
    (30, Phase.STABLE_SAFETY, {"director": 7, "member": 8}, PhaseDecisionKind.STAY),
]
SCALE = {Phase.IMMEDIATE_SAFETY: Scale.IMMEDIATE_SAFETY, Phase.STABLE_SAFETY: Scale.STABLE_SAFETY}
HIDDEN_INCIDENT_TYPE = "stalking"


def _incident(case, org, days, visibility=Visibility.TEAM, types=("physical",)):
    incident = Incident.objects.create(
        household=case.household,
        recorded_in=case,
        date=timezone.localdate() - datetime.timedelta(days=days),
        violence_types=list(types),
        source_organisation=org,
        visibility=visibility,
        basis=Basis.COVENANT,
    )
    return incident


def measured(cast, om=None):
    """The scenario; `om`: the prosecutor of an earlier call (to add three more meetings)."""
    case, chair = cast.case, cast.chair
    anna = case.household.members.get(first_name="Anna")
    if om is None:
        om_org = OrganisationFactory(name="OM Parket Test", houses=[cast.house])
        om = make_user(cast.house, Role.EXPERT, organisation=om_org, first_name="Olaf", last_name="Officier")
    om_org = om.organisation
    conferences = []
    for i, (days, phase, values, decision) in enumerate(MEETINGS):
        start = timezone.now() - datetime.timedelta(days=days)
        conference = Conference.objects.create(
            case=case,
            kind=ConferenceKind.MDA,
            phase=phase,
            goal="Zicht op de veiligheid.",
            starts_at=start,
            started_at=start,
            ended_at=start + datetime.timedelta(minutes=90),
            guide_version=GuideVersion.objects.get(is_current=True),
            chair=chair,
            state=ConferenceState.ENDED,
            scores_revealed=True,
        )
        closed = ConferencePart.objects.create(conference=conference, kind=PartKind.CLOSED, order=1)
        opened = ConferencePart.objects.create(conference=conference, kind=PartKind.OPEN, order=2)
        Invitation.objects.create(
            conference=conference, part=closed, user=om, reason="Strafzaak.", attendance=Attendance.PHYSICAL
        )
        for user in (cast.director, cast.member):
            Invitation.objects.create(
                conference=conference, part=opened, user=user, reason="Betrokken.", attendance=Attendance.PHYSICAL
            )
        Invitation.objects.create(
            conference=conference, part=opened, person=anna, reason="Gezin.", attendance=Attendance.ONLINE
        )
        for who, value in values.items():
            ScalingScore.objects.create(
                conference=conference,
                author=getattr(cast, who),
                scale=SCALE[phase],
                value=value,
                justification="Omdat.",
            )
        channel = SelfRatingChannel.PREPARATION if i == 1 else SelfRatingChannel.AT_CONFERENCE
        SelfRating.objects.create(
            conference=conference, person=anna, question=SelfRatingQuestion.SAFETY, value=3 + i * 2, channel=channel
        )
        to = Phase.STABLE_SAFETY if decision == PhaseDecisionKind.FORWARD else ""
        PhaseDecision.objects.create(
            conference=conference,
            from_phase=phase,
            decision=decision,
            to_phase=to,
            reason="Besproken.",
            decided_by=chair,
            decided_at=start + datetime.timedelta(minutes=80),
        )
        conferences.append(conference)
    org = cast.director.organisation
    _incident(case, org, 100)  # before the start: not a recurrence
    _incident(case, org, 70)  # between the first and the second meeting
    _incident(case, org, 45)  # between the second and the third
    _incident(case, org, 10)  # after the last
    hidden = _incident(case, om_org, 50, visibility=Visibility.SOURCE_ONLY, types=(HIDDEN_INCIDENT_TYPE,))
    LegalMeasure.objects.create(
        household=case.household,
        recorded_in=case,
        person=case.household.members.get(first_name="Bram"),
        category=MeasureCategory.CRIMINAL,
        kind=MeasureKind.CONTACT_BAN,
        starts_on=timezone.localdate() - datetime.timedelta(days=55),
        source_organisation=org,
        visibility=Visibility.TEAM,
        basis=Basis.COVENANT,
    )
    return SimpleNamespace(conferences=conferences, anna=anna, om=om, om_org=om_org, hidden=hidden)
