"""Demo data for the MDA++ meeting itself (issue 9): one finished conference with everything a report shows
(scores of several professionals, worries and strengths, a top 3, prioritised brainstorm ideas made into
actions, a bottom line, agreements, a phase decision, real start and end times), and the follow-up meeting
of the same case running now, where two prioritised ideas still wait for an action ("Maak hier een actie
van" for the chair). Everything goes through the domain actions, so audit trail and history are real; only
the times are moved back afterwards, because scheduling refuses the past."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone

from ineen.cases.enums import CaseState, Route
from ineen.cases.models import Case
from ineen.conferences import live, schedule
from ineen.conferences.enums import LIVE_STEP_ORDER, Attendance, ConferenceKind, LiveStep
from ineen.conferences.models import Conference, PhaseDecision
from ineen.guide.enums import Phase, Step
from ineen.households.models import Incident

FINISHED_DAYS_AGO = 14

SCORES = [
    (4, "Er is sinds het laatste incident geen nieuw geweld gemeld, maar vader woont nog in huis."),
    (3, "De kinderen vertellen op school dat ze 's avonds bang zijn als er ruzie is."),
    (5, "Moeder houdt zich aan het veiligheidsplan en belt bij spanning; dat is een begin."),
    (4, "Zonder afspraken over de omgang blijft de situatie kwetsbaar."),
]
WORRIES = [
    "De kinderen zijn getuige van ruzies die uit de hand lopen.",
    "Vader drinkt in het weekend en wordt dan dreigend.",
    "Moeder heeft weinig mensen om zich heen bij wie ze terecht kan.",
]
STRENGTHS = [
    "Moeder zoekt zelf hulp en houdt afspraken na.",
    "Het oudste kind heeft een goede band met de mentor op school.",
]
IDEAS = [  # (kind, text, prioritised)
    ("offer", "Met moeder en de kinderen een veiligheidsplan maken dat ze thuis kunnen ophangen.", True),
    ("offer", "Vader binnen twee weken een intake voor alcoholbehandeling aanbieden.", True),
    ("expect", "Met school afspreken dat het team hoort wanneer de kinderen opvallend stil of moe zijn.", True),
    ("out_of_the_box", "Een buurtgezin dat de kinderen op vrijdagavond opvangt.", False),
]
FOLLOW_UP_IDEAS = [  # made while the follow-up meeting runs; prioritised, no action yet
    ("offer", "De omgang van vader met de kinderen op zaterdag begeleiden.", True),
    ("expect", "Vader laat zelf weten wanneer hij het moeilijk heeft, via een vast telefoonnummer.", True),
    ("out_of_the_box", "Moeder en de kinderen doen mee aan een lotgenotengroep in de wijk.", False),
]


def _case(chair):
    """An active MDA++ case of chair's house with a team of at least three and no meetings yet."""
    cases = (
        Case.objects.filter(safety_house__code="hgl", state=CaseState.ACTIVE, route=Route.MDA)
        .annotate(
            members=Count("team", filter=Q(team__active_until__isnull=True), distinct=True),
            meetings=Count("conferences", distinct=True),
        )
        .order_by("meetings", "-members", "pk")
    )
    return next((c for c in cases if c.members >= 3), cases.first())


def _schedule(case, chair, starts_at, phase, goal):
    fields = {
        "case": case,
        "actor": chair,
        "kind": ConferenceKind.MDA,
        "phase": phase,
        "goal": goal,
        "starts_at": starts_at,
        "location": "Zorg- en Veiligheidshuis, spreekkamer 1",
    }
    try:
        return schedule.schedule(**fields)
    except ValidationError:
        # Stalking between the parents: one of them is spoken with separately (as in seed_demo).
        other = case.household.members.order_by("pk")[1]
        return schedule.schedule(**fields, not_invited={other: "Er speelt stalking; deze ouder wordt apart gesproken."})


def _invite_team(conference, chair):
    part = conference.parts.first()
    team = list(schedule.active_team(conference.case).select_related("user", "organisation"))
    for membership in team:
        if not conference.invitations.filter(user=membership.user).exists():
            schedule.invite_user(
                conference=conference,
                actor=chair,
                part=part,
                user=membership.user,
                reason="Betrokken bij het gezin; kent de actuele situatie.",
            )
    return team


def _walk(conference, chair, to):
    """Move the meeting one step at a time from where it is up to `to`, as the chair does."""
    order = [str(s) for s in LIVE_STEP_ORDER]
    conference.refresh_from_db()  # the actions update the row, not this instance
    here = conference.current_step
    for there in order[order.index(here) + 1 : order.index(str(to)) + 1]:
        live.move_step(conference=conference, actor=chair, from_step=here, to_step=there)
        here = there


def _ideas(conference, chair, members, ideas):
    made = []
    for number, (kind, text, prioritised) in enumerate(ideas):
        idea = live.add_contribution(
            conference=conference, actor=members[number % len(members)].user, kind=kind, text=text
        )
        if prioritised:
            idea = live.set_priority(
                contribution=idea,
                actor=chair,
                seen_version=idea.version,
                is_priority=True,
                client_priority="Moeder vindt dit het belangrijkst.",
                expert_view="Past bij de zorgen over de directe veiligheid.",
                client_capacity="Haalbaar; moeder heeft er ruimte voor.",
                horizon="short",
            )
        made.append(idea)
    return made


def _finished(case, chair, team):
    starts = timezone.now() + timedelta(hours=1)
    conference = _schedule(
        case,
        chair,
        starts,
        Phase.IMMEDIATE_SAFETY,
        "Samen zicht krijgen op de zorgen over de directe veiligheid en een veiligheidsplan maken.",
    )
    _invite_team(conference, chair)
    members = [m for m in team if m.user_id != chair.pk]
    part = conference.parts.first()
    live.start(conference=conference, actor=chair)
    live.add_note(
        conference=conference,
        actor=chair,
        part=part,
        step=Step.PICTURE,
        text="Iedereen deelt wat hij weet sinds de melding; de feiten en de zorgen worden apart gehouden.",
    )
    _walk(conference, chair, LiveStep.PICTURE)
    for membership, (value, why) in zip(members, SCORES, strict=False):
        live.submit_score(conference=conference, actor=membership.user, value=value, justification=why)
    live.reveal_scores(conference=conference, actor=chair)
    worries = [
        live.add_contribution(conference=conference, actor=members[i % len(members)].user, kind="worry", text=text)
        for i, text in enumerate(WORRIES)
    ]
    for i, text in enumerate(STRENGTHS):
        live.add_contribution(
            conference=conference, actor=members[(i + 1) % len(members)].user, kind="recovery_point", text=text
        )
    incidents = list(Incident.objects.filter(household=case.household).order_by("date", "pk"))
    if incidents:  # the worst is the team's judgement; here simply the one in the middle
        marks = {"first": incidents[0], "worst": incidents[len(incidents) // 2], "latest": incidents[-1]}
        for mark, incident in marks.items():
            live.mark_incident(conference=conference, actor=chair, mark=mark, incident=incident)
    _walk(conference, chair, LiveStep.JUDGEMENT)
    top = [
        live.choose_top_item(conference=conference, actor=chair, rank=rank, contribution=worry)
        for rank, worry in enumerate(worries, start=1)
    ]
    _walk(conference, chair, LiveStep.DECISION)
    ideas = _ideas(conference, chair, members, IDEAS)
    today = timezone.localdate()
    for number, idea in enumerate(i for i in ideas if i.is_priority):
        live.add_plan_action(
            conference=conference,
            actor=chair,
            owner=next(m for m in members if m.user_id == idea.author_id),  # who offered it, does it
            what=idea.text,
            due_on=today + timedelta(days=7 * (number + 1)),
            reason="Beantwoordt de belangrijkste zorg van het team.",
            answers=top[number % len(top)],
            towards="family" if number != 2 else "professionals",
            idea=idea,
        )
    live.add_plan_action(
        conference=conference,
        actor=chair,
        owner=members[0],
        what="Moeder en de kinderen informeren over de afspraken uit dit overleg, in eenvoudige woorden.",
        due_on=today + timedelta(days=3),
        reason="Het gezin moet weten wat er gaat gebeuren.",
    )
    live.add_bottom_line(
        conference=conference,
        actor=chair,
        text="Er is geen fysiek geweld meer in het gezin.",
        guardian=members[0],
        how_we_know="Moeder, school en de wijkagent geven het door; de casusregisseur vraagt het wekelijks na.",
        on_breach="Direct overleg met de procesregisseur; politie en Veilig Thuis beslissen over een tijdelijk "
        "huisverbod.",
    )
    live.save_agreement(
        conference=conference,
        actor=chair,
        seen_version=0,
        timeline="Over vier weken het volgende overleg; de acties voor de korte termijn zijn dan gedaan.",
        keep_informed="De casusregisseur belt wekelijks met moeder en mailt het team een korte stand van zaken.",
    )
    live.decide_phase(
        conference=conference,
        actor=chair,
        decision="forward",
        to_phase=Phase.STABLE_SAFETY,
        reason="Het geweld is gestopt en er is een veiligheidsplan; het team werkt nu aan stabiele veiligheid.",
    )
    following = live.schedule_next(
        conference=conference,
        actor=chair,
        # "Always invited, unless": who was not invited this time for a weighty reason is not invited now either.
        not_invited={
            absent.person: absent.reason for absent in conference.clients_not_invited.select_related("person")
        },
        starts_at=timezone.now() + timedelta(hours=1),
        goal="Nagaan of de veiligheid stabiel blijft en afspraken maken over de omgang met vader.",
    )
    record = {inv: Attendance.PHYSICAL for inv in conference.invitations.filter(user__isnull=False)}
    for number, invitation in enumerate(conference.invitations.filter(person__isnull=False).order_by("pk")):
        record[invitation] = Attendance.PHYSICAL if number == 0 else Attendance.ABSENT
    schedule.record_attendance(conference=conference, actor=chair, attendance=record)
    _walk(conference, chair, LiveStep.CLOSED)
    # Held two weeks ago: scheduling and starting refuse the past, so the times are moved back afterwards.
    began = (timezone.now() - timedelta(days=FINISHED_DAYS_AGO)).replace(hour=10, minute=0, second=0, microsecond=0)
    Conference.objects.filter(pk=conference.pk).update(
        starts_at=began,
        started_at=began + timedelta(minutes=4),
        ended_at=began + timedelta(minutes=97),
        step_started_at=began + timedelta(minutes=97),
    )
    PhaseDecision.objects.filter(conference=conference).update(decided_at=began + timedelta(minutes=85))
    return conference, following


def _running(finished, following, chair, team):
    """The follow-up meeting, planned in the finished one's workspace and running now, at besluitvorming."""
    _invite_team(following, chair)
    members = [m for m in team if m.user_id != chair.pk]
    live.start(conference=following, actor=chair)
    _walk(following, chair, LiveStep.DECISION)
    _ideas(following, chair, members, FOLLOW_UP_IDEAS)
    began = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=50)
    Conference.objects.filter(pk=following.pk).update(starts_at=began, started_at=began + timedelta(minutes=2))
    return following


def seed(users):
    chair = users["procesregisseur"]
    case = _case(chair)
    if case is None:
        return
    team = list(schedule.active_team(case).select_related("user", "organisation").order_by("pk"))
    finished, following = _finished(case, chair, team)
    _running(finished, following, chair, team)
