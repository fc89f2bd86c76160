"""A held (ended) split conference for the report tests: the prosecutor (criminal chain) only in the
closed part, Anna at the open part, Carla (ex-partner) with a confidential address, and governed
content of every visibility. Marker strings sit in every place a household member may never see."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from ineen.accounts.enums import Chain
from ineen.cases import actions as case_actions
from ineen.cases.enums import TeamRole
from ineen.conferences.enums import Attendance, ConferenceKind, ConferenceState, IncidentMarkKind, PartKind
from ineen.conferences.models import (
    Conference,
    ConferenceNote,
    ConferencePart,
    Contribution,
    IncidentMark,
    Invitation,
    PhaseDecision,
    ScalingScore,
    SharedTopItem,
)
from ineen.guide.enums import Phase, Scale, Top3Kind
from ineen.guide.models import GuideVersion
from ineen.households.enums import Concern, IncidentRole, Relationship
from ineen.households.models import Incident, IncidentInvolvement, LifeDomainAssessment, Person, Strength
from ineen.plans.enums import Towards
from ineen.plans.models import BottomLine, CollaborationAgreement, PlanAction
from ineen.privacy import actions as privacy_actions
from ineen.privacy.enums import Basis, Visibility

from ..factories import OrganisationFactory, Role, make_user

OM_NAME = "Openbaar Ministerie Parket Zuid"
OM_PERSON = "Olaf Officiersma"
ADDRESS = "Opvanghuis De Linde, Verborgenpad 13"
# Marker -> why a household member (Anna) may never see it in her version.
FORBIDDEN = {
    "MK-CLOSED-NOTE": "a note of the closed part (even marked shareable)",
    "MK-SCORE-DIRECTOR": "a professional's score justification",
    "MK-SCORE-OM": "the prosecutor's score justification",
    "MK-SOURCE-ONLY": "a source-only item about Anna",
    "MK-NO-CONSENT": "a consent-based item without Anna's consent",
    "MK-TEAM-WORRY": "a team-only worry (also on the top 3)",
    "MK-ABOUT-CARLA": "a shareable item that also concerns Carla, who has a confidential address",
    "MK-BRAM-ONLY": "a shareable item about Bram only",
    "MK-BRAM-STRENGTH": "a shareable strength of Bram",
    "MK-PRO-ACTION": "an action towards professionals",
    "MK-CANCELLED-ACTION": "a cancelled action",
    "MK-TEAM-NOTE": "a team-only note of the open part",
    "MK-CLOSED-TEAM-NOTE": "a team-only note of the closed part",
    "MK-HIDDEN-INCIDENT": "a source-only incident",
    "MK-TEAM-INCIDENT": "a team-only incident",
    "MK-PHASE-REASON": "the phase decision (not client material)",
    "MK-BOTTOM-LINE": "a bottom line (not in the client's list)",
    "MK-PRO-WORDS": "the professionals' text of an action (client documents show only the family's words)",
    ADDRESS: "Carla's confidential address",
    OM_NAME: "the prosecutor's organisation, only at the closed part",
    OM_PERSON: "the prosecutor, only at the closed part",
}
ALLOWED = [
    "MK-ANNA-INCIDENT",
    "MK-ANNA-WORRY",
    "MK-HOUSEHOLD-IDEA",
    "MK-OPEN-NOTE",
    "MK-STRENGTH",
    "MK-FAMILY-ACTION",
    "MK-OM-FAMILY-ACTION",
]


def _item(model, org, *, concerns=(), visibility=Visibility.CLIENT_SHAREABLE, basis=Basis.COVENANT, **fields):
    item = model.objects.create(source_organisation=org, visibility=visibility, basis=basis, **fields)
    item.concerns.set(concerns)
    return item


def held_conference(cast):
    """The scenario; returns a namespace with the conference and the people in it."""
    case, house, chair = cast.case, cast.house, cast.chair
    household = case.household
    anna = household.members.get(first_name="Anna")
    bram = household.members.get(first_name="Bram")
    carla = Person.objects.create(
        household=household,
        first_name="Carla",
        last_name="Test",
        birth_year=1983,
        relationship=Relationship.EX_PARTNER,
        living_at_home=False,
    )
    privacy_actions.set_confidential_address(
        case=case, person=carla, address=ADDRESS, guardians=[cast.director], actor=chair
    )
    om_org = OrganisationFactory(name=OM_NAME, chain=Chain.CRIMINAL, houses=[house])
    first, last = OM_PERSON.split(" ")
    om = make_user(house, Role.EXPERT, organisation=om_org, first_name=first, last_name=last)
    case_actions.add_team_member(case=case, user=om, role=TeamRole.EXPERT, actor=chair)

    start = timezone.now() - datetime.timedelta(hours=3)
    conference = Conference.objects.create(
        case=case,
        kind=ConferenceKind.MDA,
        phase=Phase.IMMEDIATE_SAFETY,
        goal="Zicht op de veiligheid.",
        starts_at=start,
        location="ZVH, zaal 2",
        guide_version=GuideVersion.objects.get(is_current=True),
        chair=chair,
        state=ConferenceState.ENDED,
        ended_at=start + datetime.timedelta(minutes=90),
        scores_revealed=True,
    )
    closed = ConferencePart.objects.create(conference=conference, kind=PartKind.CLOSED, order=1)
    opened = ConferencePart.objects.create(conference=conference, kind=PartKind.OPEN, order=2)
    for part in (closed, opened):
        for user in (cast.director, cast.member):
            Invitation.objects.create(
                conference=conference, part=part, user=user, reason="Betrokken.", attendance=Attendance.PHYSICAL
            )
    Invitation.objects.create(
        conference=conference, part=closed, user=om, reason="Strafzaak loopt.", attendance=Attendance.ONLINE
    )
    Invitation.objects.create(
        conference=conference,
        part=opened,
        person=anna,
        reason="Gaat over haar gezin.",
        trusted_person="Tante Els",
        attendance=Attendance.PHYSICAL,
    )

    member_org, director_org = cast.member.organisation, cast.director.organisation
    anna_worry = _item(
        Contribution,
        member_org,
        concerns=[anna],
        conference=conference,
        kind="worry",
        author=cast.member,
        text="MK-ANNA-WORRY: Anna slaapt slecht.",
    )
    team_worry = _item(
        Contribution,
        member_org,
        visibility=Visibility.TEAM,
        conference=conference,
        kind="worry",
        author=cast.member,
        text="MK-TEAM-WORRY: zorgen over de avonden.",
    )
    _item(
        Contribution,
        director_org,
        conference=conference,
        kind="offer",
        author=cast.director,
        text="MK-HOUSEHOLD-IDEA: opa helpt met brengen.",
    )
    _item(
        Contribution,
        member_org,
        concerns=[bram],
        conference=conference,
        kind="worry",
        author=cast.member,
        text="MK-BRAM-ONLY: Bram spijbelt.",
    )
    _item(
        Contribution,
        director_org,
        concerns=[anna],
        basis=Basis.CONSENT,
        conference=conference,
        kind="worry",
        author=cast.director,
        text="MK-NO-CONSENT: medische zorgen.",
    )
    _item(
        Contribution,
        om_org,
        concerns=[anna],
        visibility=Visibility.SOURCE_ONLY,
        conference=conference,
        kind="worry",
        author=om,
        text="MK-SOURCE-ONLY: lopend onderzoek.",
    )
    _item(
        Contribution,
        member_org,
        concerns=[anna, carla],
        conference=conference,
        kind="worry",
        author=cast.member,
        text="MK-ABOUT-CARLA: Carla verblijft in de opvang.",
    )
    _item(
        ConferenceNote,
        om_org,
        concerns=[anna],
        conference=conference,
        part=closed,
        step="picture",
        author=om,
        text="MK-CLOSED-NOTE: aangifte in behandeling.",
    )
    _item(
        ConferenceNote,
        om_org,
        visibility=Visibility.TEAM,
        conference=conference,
        part=closed,
        step="picture",
        author=om,
        text="MK-CLOSED-TEAM-NOTE: zitting in juni.",
    )
    _item(
        ConferenceNote,
        member_org,
        concerns=[anna],
        conference=conference,
        part=opened,
        step="decision",
        author=cast.member,
        text="MK-OPEN-NOTE: Anna wil graag hulp bij geldzaken.",
    )
    _item(
        ConferenceNote,
        member_org,
        visibility=Visibility.TEAM,
        conference=conference,
        part=opened,
        step="decision",
        author=cast.member,
        text="MK-TEAM-NOTE: overleg met school.",
    )
    _item(Strength, member_org, household=household, description="MK-STRENGTH: het gezin vraagt zelf om hulp.")
    _item(Strength, member_org, household=household, person=bram, description="MK-BRAM-STRENGTH: Bram voetbalt.")

    SharedTopItem.objects.create(
        conference=conference, kind=Top3Kind.WORRIES, rank=1, text=anna_worry.text, contribution=anna_worry
    )
    top_two = SharedTopItem.objects.create(
        conference=conference, kind=Top3Kind.WORRIES, rank=2, text=team_worry.text, contribution=team_worry
    )
    scale = Scale.IMMEDIATE_SAFETY
    ScalingScore.objects.create(
        conference=conference,
        author=cast.director,
        scale=scale,
        value=3,
        justification="MK-SCORE-DIRECTOR: te veel incidenten.",
    )
    ScalingScore.objects.create(
        conference=conference, author=cast.member, scale=scale, value=4, justification="MK-SCORE-MEMBER: onrustig."
    )
    ScalingScore.objects.create(
        conference=conference, author=om, scale=scale, value=9, justification="MK-SCORE-OM: geen nieuwe aangifte."
    )
    PhaseDecision.objects.create(
        conference=conference,
        from_phase=Phase.IMMEDIATE_SAFETY,
        decision="stay",
        to_phase=Phase.IMMEDIATE_SAFETY,
        reason="MK-PHASE-REASON: nog geen rust.",
        decided_by=chair,
    )

    due = timezone.localdate() + datetime.timedelta(days=14)
    PlanAction.objects.create(
        case=case,
        conference=conference,
        what="MK-FAMILY-ACTION: huisbezoek bij Anna. MK-PRO-WORDS-1",
        client_wording="MK-FAMILY-ACTION-WORDS: Sanne komt bij u thuis.",
        owner=cast.member,
        owner_organisation=member_org,
        due_on=due,
        reason="Antwoord op de slaapzorgen.",
        answers=top_two,
        towards=Towards.FAMILY,
    )
    PlanAction.objects.create(
        case=case,
        conference=conference,
        what="MK-OM-FAMILY-ACTION: uitleg over de zaak. MK-PRO-WORDS-2",
        client_wording="MK-OM-FAMILY-ACTION-WORDS: iemand legt uit wat er met de zaak gebeurt.",
        owner=om,
        owner_organisation=om_org,
        due_on=due,
        towards=Towards.FAMILY,
    )
    PlanAction.objects.create(
        case=case,
        conference=conference,
        what="MK-PRO-ACTION: dossiers delen.",
        owner=cast.director,
        owner_organisation=director_org,
        due_on=due,
        reason="Eén beeld.",
        towards=Towards.PROFESSIONALS,
    )
    PlanAction.objects.create(
        case=case,
        conference=conference,
        what="MK-CANCELLED-ACTION: niet meer nodig.",
        owner=cast.member,
        owner_organisation=member_org,
        due_on=due,
        status="cancelled",
        towards=Towards.FAMILY,
    )
    BottomLine.objects.create(
        case=case,
        conference=conference,
        text="MK-BOTTOM-LINE: geen contact met Carla.",
        guardian=cast.director,
        guardian_organisation=director_org,
        how_we_know="Melding politie.",
        on_breach="Opschalen naar de manager.",
    )
    following = Conference.objects.create(
        case=case,
        kind=ConferenceKind.MDA,
        phase=Phase.IMMEDIATE_SAFETY,
        goal="Vervolg.",
        starts_at=timezone.make_aware(datetime.datetime.combine(due, datetime.time(14, 30))),
        guide_version=conference.guide_version,
        chair=chair,
    )
    # Anna is invited to the next meeting; Bram is not (so he must not learn when it is).
    Invitation.objects.create(
        conference=following,
        part=ConferencePart.objects.create(conference=following, kind=PartKind.WHOLE, order=1),
        person=anna,
        reason="Gaat over haar gezin.",
    )
    CollaborationAgreement.objects.create(
        conference=conference, timeline="Zes weken.", keep_informed="Wekelijks een belronde.", next_conference=following
    )

    incident = _item(
        Incident,
        member_org,
        visibility=Visibility.TEAM,
        concerns=[anna],
        household=household,
        date=timezone.localdate() - datetime.timedelta(days=40),
        violence_types=["physical"],
        description="MK-TEAM-INCIDENT: duw in de gang.",
    )
    IncidentInvolvement.objects.create(incident=incident, person=anna, role=IncidentRole.EXPERIENCED)
    IncidentMark.objects.create(conference=conference, mark=IncidentMarkKind.FIRST, incident=incident)
    hidden = _item(
        Incident,
        om_org,
        visibility=Visibility.SOURCE_ONLY,
        household=household,
        date=timezone.localdate() - datetime.timedelta(days=5),
        violence_types=["threat"],
        description="MK-HIDDEN-INCIDENT",
    )
    IncidentMark.objects.create(conference=conference, mark=IncidentMarkKind.LATEST, incident=hidden)
    _item(
        Incident,
        member_org,
        concerns=[anna],
        household=household,
        violence_types=["emotional", "threat"],
        date=timezone.localdate() - datetime.timedelta(days=60),
        description="MK-ANNA-INCIDENT: schreeuwen.",
    )
    _item(
        LifeDomainAssessment,
        member_org,
        visibility=Visibility.TEAM,
        household=household,
        domain="finances",
        concern=Concern.SERIOUS,
        note="Schulden bij de woningcorporatie.",
    )
    _item(
        LifeDomainAssessment,
        member_org,
        visibility=Visibility.TEAM,
        household=household,
        domain="work",
        concern=Concern.SOME,
        note="MK-NOT-SERIOUS",
    )
    return SimpleNamespace(
        conference=conference,
        anna=anna,
        bram=bram,
        carla=carla,
        om=om,
        om_org=om_org,
        following=following,
        closed=closed,
        opened=opened,
    )
