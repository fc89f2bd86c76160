"""Demo data for clients at the table (issue 11, points 1-3): a coming conference of casusregisseur@'s
case with preparation talks for the mother (coming, with her sister) and a young person (not coming: his
message is read at the opening), and a finished conference with the household's attendance recorded
(online with a professional, "begrepen en gehoord") and a debrief that is overdue on Mijn werk."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from ineen.cases.enums import CaseState
from ineen.cases.models import Case, TeamMembership
from ineen.guide.enums import Phase
from ineen.households.enums import Relationship

from . import clients, live, schedule, self_rating, youth
from .enums import (
    Attendance,
    ComingAs,
    ConferenceKind,
    ConferenceState,
    LiveStep,
    SelfRatingChannel,
    SelfRatingQuestion,
)
from .models import ClientFollowUp, Conference, Invitation


def _case(director):
    ids = TeamMembership.objects.filter(user=director, active_until__isnull=True).values("case_id")
    return Case.objects.filter(pk__in=ids, safety_house__code="hgl", state=CaseState.ACTIVE).order_by("pk").first()


def _schedule(case, chair, days, goal):
    fields = {
        "case": case,
        "actor": chair,
        "kind": ConferenceKind.MDA,
        "phase": Phase.IMMEDIATE_SAFETY,
        "goal": goal,
        "starts_at": (timezone.now() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0),
        "location": "Zorg- en Veiligheidshuis, spreekkamer 2",
    }
    try:
        return schedule.schedule(**fields)
    except ValidationError:
        # Stalking between the parents (seed_demo): one is spoken with separately, with the reason recorded.
        other = case.household.members.order_by("pk")[1]
        return schedule.schedule(**fields, not_invited={other: "Er speelt stalking; deze ouder wordt apart gesproken."})


def _people(conference):
    invited = [inv.person for inv in Invitation.objects.filter(conference=conference, person__isnull=False)]
    # seed_demo's convention: the PARENT is the mother; the young person is the oldest child.
    parents = [p for p in invited if p.relationship == Relationship.PARENT]
    children = sorted(
        (p for p in invited if p.relationship in (Relationship.CHILD, Relationship.CHILD_EARLIER)),
        key=lambda p: p.birth_year or 0,
    )
    return parents[:1], children[:1]


def _voice(conference, actor, mothers, young, channel, earlier=False):
    """The household's own scores (issue 11, point 6): lower at the earlier meeting, so the series moves."""
    own = [
        (mothers, SelfRatingQuestion.SAFETY, 4 if earlier else 6, "Het is rustiger sinds de afspraken."),
        (mothers, SelfRatingQuestion.LIFE, 5, "Ik slaap beter, maar geld is een zorg."),
        (young, SelfRatingQuestion.SAFETY, 3 if earlier else 5, "Als papa boos is, ga ik naar mijn kamer."),
    ]
    for people, question, value, words in own:
        for person in people:
            self_rating.record_self_rating(
                actor=actor,
                conference=conference,
                person=person,
                question=question,
                value=value,
                words=words,
                channel=channel,
            )


def seed(users):
    director, chair = users["casusregisseur"], users["procesregisseur"]
    case = _case(director)
    if case is None:
        return
    coming = _schedule(case, chair, 9, "Samen met het gezin kijken wat er nodig is voor de veiligheid thuis.")
    mothers, young = _people(coming)
    for mother in mothers:
        clients.record_preparation_talk(
            conference=coming,
            actor=director,
            person=mother,
            coming_as=ComingAs.IN_PERSON,
            wants_discussed="Dat de omgangsregeling duidelijk wordt, en wie ze kan bellen als het misgaat.",
            hopes="Dat iedereen hetzelfde verhaal hoort en dat er niet over haar heen wordt gepraat.",
            trusted_person_name="Fatima",
            trusted_person_relation="zus",
            language_needs="Graag eenvoudige woorden; geen tolk nodig.",
        )
    for person in young:
        clients.record_preparation_talk(
            conference=coming,
            actor=director,
            person=person,
            coming_as=ComingAs.NOT_ATTENDING,
            wants_discussed="School en voetbal.",
            message="Ik wil niet aan tafel zitten als papa er ook over gaat. Ik wil wel weer naar voetbal "
            "op zaterdag, en dat er thuis geen ruzie meer is.",
            without_parents=True,  # issue 11, point 9: heard on their own
        )
    _voice(coming, director, mothers, young, SelfRatingChannel.PREPARATION)
    # The young person's own part: only them and the case director, no parents.
    if young:
        part = youth.add_youth_part(conference=coming, actor=chair)
        schedule.invite_person(conference=coming, actor=chair, part=part, person=young[0])
        schedule.invite_user(conference=coming, actor=chair, part=part, user=director, reason="Casusregisseur.")
    # A finished meeting: attendance recorded, the debrief with the mother overdue.
    ended = _schedule(case, chair, 40, "De afspraken van het vorige overleg nalopen.")
    Conference.objects.filter(pk=ended.pk).update(state=ConferenceState.LIVE, current_step=LiveStep.DECISION)
    ended.refresh_from_db()
    mothers, young = _people(ended)
    _voice(ended, chair, mothers, young, SelfRatingChannel.AT_CONFERENCE, earlier=True)
    rows = {}
    for inv in Invitation.objects.filter(conference=ended, person__isnull=False).select_related("person"):
        if inv.person in mothers:  # online from home, the case director beside her
            rows[inv] = clients.ClientAttendance(attendance=Attendance.ONLINE, online_with=director, heard=True)
        elif inv.person in young:
            rows[inv] = clients.ClientAttendance(attendance=Attendance.PHYSICAL, heard=True)
        else:
            rows[inv] = clients.ClientAttendance(attendance=Attendance.ABSENT_WITH_INPUT)
    clients.record_client_attendance(conference=ended, actor=chair, rows=rows)
    live.move_step(conference=ended, actor=chair, from_step=LiveStep.DECISION, to_step=LiveStep.CLOSED)
    started = timezone.now() - timedelta(days=12)
    Conference.objects.filter(pk=ended.pk).update(
        starts_at=started, started_at=started, ended_at=started + timedelta(minutes=90)
    )
    ClientFollowUp.objects.filter(conference=ended).update(due_on=timezone.localdate() - timedelta(days=5))
