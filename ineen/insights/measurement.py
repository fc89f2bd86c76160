"""Repeated measurement per household (issue 13, point 1): the three scaling questions over the
conferences, per professional and per household member, the spread between the professionals per
conference, recurrence (new incidents after the start) and the household's phase over time. Reading only;
computed from the rows that exist (ScalingScore, SelfRating, PhaseDecision, Incident), no model of its own.

What is shown (docs/architecture.md, "Repeated measurement and timeline (issue 13)"):

- conferences of the household's cases the user may see (`policy.cases_for_user`; each other case read is
  audited like get_case does for this one), cancelled ones left out;
- professionals' scores only of conferences whose scores were revealed or that ended (blind scoring);
- household members' own scores (SelfRating) beside them, never in the spread; which channels a user sees
  is the voice rule `policy.self_rating_channels_seen` (the expert pool and emergency access: only what was
  said aloud at the table); a member answers "own safety" (shown with both safety scales) and "how life is
  going" (shown with quality of life);
- recurrence: readable incidents (`access.split`) dated after the start, the start being the date of this
  case's first held conference or, without one, the day the case was opened.

Fixed number of queries whatever the number of conferences, raters and members (QUALITY.md).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.access import policy
from ineen.audit import events
from ineen.audit.models import Action
from ineen.conferences.enums import ConferenceState, PhaseDecisionKind, SelfRatingChannel, SelfRatingQuestion
from ineen.conferences.models import Conference, ScalingScore, SelfRating
from ineen.conferences.report import meeting_times
from ineen.guide.enums import Phase, Scale
from ineen.households.models import Incident, Person

PURPOSE = "herhaalde meting"
DIVERGENCE = 4  # a spread (highest - lowest professional score) of this many points or more is flagged
# The member's own question shown with each professional scale.
SCALE_QUESTION = {
    Scale.IMMEDIATE_SAFETY: SelfRatingQuestion.SAFETY,
    Scale.STABLE_SAFETY: SelfRatingQuestion.SAFETY,
    Scale.QUALITY_OF_LIFE: SelfRatingQuestion.LIFE,
}
START_DEFINITION = _(
    "Nieuw incident: een incident met een datum na de start. De start is de datum van het eerste gehouden "
    "overleg van deze casus, of de dag dat de casus werd geopend als er nog geen overleg is gehouden. U telt "
    "alleen incidenten die u mag lezen."
)


@dataclass
class Rater:
    key: str  # "p<user id>" for a professional, "m<person id>" for a household member
    name: str
    detail: str  # organisation, or the member's question
    member: bool
    index: int = 0  # for marker shape and colour


@dataclass
class Rating:
    rater: Rater
    value: int
    channel: str = ""
    channel_label: str = ""


@dataclass
class Occasion:
    """One conference on the time line of the measurement."""

    public_id: object
    case_reference: str
    day: datetime.date
    held: bool
    kind_label: str
    phase: str
    phase_label: str
    decision_label: str = ""
    to_phase_label: str = ""
    revealed: bool = False
    scores: dict = field(default_factory=dict)  # scale -> [Rating] (professionals)
    own: dict = field(default_factory=dict)  # SelfRatingQuestion -> [Rating] (members)
    new_incidents: int = 0  # readable incidents after the start, since the previous conference


@dataclass
class ScaleRow:
    occasion: Occasion
    cells: list  # one per rater: Rating or None
    lowest: int | None
    highest: int | None
    spread: int | None
    flagged: bool


@dataclass
class ScaleSeries:
    scale: str
    label: str
    question: str
    question_label: str
    raters: list
    rows: list
    flagged_count: int = 0


def household_cases(access):
    """The household's cases this user may see (this one included), oldest first. Reading the others is
    audited as a read of that case, as get_case would (one insert per other case)."""
    case = access.case
    cases = list(
        policy.cases_for_user(access.user)
        .filter(household_id=case.household_id)
        .select_related("household", "safety_house")
        .order_by("opened_at", "pk")
    )
    for other in cases:
        if other.pk != case.pk:
            events.record(actor=access.actor, action=Action.VIEW, subject=policy.case_subject(other), purpose=PURPOSE)
    return cases


def _start(case, conferences):
    held = [o.day for o in conferences if o.held and o.case_reference == case.reference]
    return min(held) if held else timezone.localdate(case.opened_at)


def _rater(raters, key, **fields):
    rater = raters.get(key)
    if rater is None:
        rater = raters[key] = Rater(key=key, index=len(raters), **fields)
    return rater


def measurement(access):
    """Everything the page and the API show, for the user of `access`."""
    case = access.case
    cases = household_cases(access)
    by_pk = {c.pk: c for c in cases}
    conferences = list(
        Conference.objects.filter(case__in=cases)
        .exclude(state=ConferenceState.CANCELLED)
        .select_related("phase_decision")
        .order_by("starts_at", "pk")
    )
    occasions, by_conference = [], {}
    for conference in conferences:
        times = meeting_times(conference)
        decision = getattr(conference, "phase_decision", None)
        occasion = Occasion(
            public_id=conference.public_id,
            case_reference=by_pk[conference.case_id].reference,
            day=times.day.date(),
            held=times.held,
            kind_label=str(conference.get_kind_display()),
            phase=conference.phase,
            phase_label=str(conference.get_phase_display()),
            revealed=conference.scores_revealed or conference.state == ConferenceState.ENDED,
        )
        if decision is not None:
            occasion.decision_label = str(decision.get_decision_display())
            if decision.decision in (PhaseDecisionKind.FORWARD, PhaseDecisionKind.BACK) and decision.to_phase:
                occasion.to_phase_label = str(Phase(decision.to_phase).label)
        occasions.append(occasion)
        by_conference[conference.pk] = occasion
    shown = [pk for pk, o in by_conference.items() if o.revealed]

    professionals, members = {}, {}
    scores = (
        ScalingScore.objects.filter(conference_id__in=shown, author__isnull=False)
        .select_related("author__organisation")
        .order_by("author__last_name", "author__first_name", "author_id")
    )
    for score in scores:
        author = score.author
        rater = _rater(
            professionals,
            f"p{author.pk}",
            name=author.get_full_name() or author.email,
            detail=author.organisation.name if author.organisation_id else "",
            member=False,
        )
        by_conference[score.conference_id].scores.setdefault(score.scale, []).append(Rating(rater, score.value))

    channels = policy.self_rating_channels_seen(access.relation)
    members_shown = Person.objects.filter(policy.household_scope_any_q(cases))
    ratings = (
        SelfRating.objects.filter(conference_id__in=shown, channel__in=channels, person__in=members_shown)
        .select_related("person")
        .order_by("person__birth_year", "person__pk")
    )
    for rating in ratings:
        rater = _rater(members, f"m{rating.person_id}", name=rating.person.first_name, detail="", member=True)
        by_conference[rating.conference_id].own.setdefault(rating.question, []).append(
            Rating(rater, rating.value, rating.channel, str(SelfRatingChannel(rating.channel).label))
        )
    for index, rater in enumerate([*professionals.values(), *members.values()]):
        rater.index = index

    split = access.split(Incident.objects.order_by("date", "pk"))
    start = _start(case, occasions)
    after = [i.date for i in split.readable if i.date > start]
    previous = start
    for occasion in occasions:
        occasion.new_incidents = sum(1 for d in after if previous < d <= occasion.day)
        previous = max(previous, occasion.day)
    series = [_series(scale, occasions, list(professionals.values()), list(members.values())) for scale in Scale]
    return {
        "case": case,
        "cases": cases,
        "occasions": occasions,
        "series": series,
        "start": start,
        "recurrence": len(after),
        "recurrence_after_last": sum(1 for d in after if d > previous),
        "incidents_total": len(split.readable),
        "withheld": split.withheld_names,
        "member_channels": channels,
        "members_beyond_table": len(channels) > 1,
        "divergence": DIVERGENCE,
    }


def _series(scale, occasions, professionals, members):
    question = SCALE_QUESTION[scale]
    used_pro = {r.rater.key for o in occasions for r in o.scores.get(scale, [])}
    used_members = {r.rater.key for o in occasions for r in o.own.get(question, [])}
    raters = [r for r in professionals if r.key in used_pro] + [m for m in members if m.key in used_members]
    rows = []
    for occasion in occasions:
        pro = occasion.scores.get(scale, [])
        own = occasion.own.get(question, [])
        if not pro and not own:
            continue
        cell = {r.rater.key: r for r in [*pro, *own]}
        values = [r.value for r in pro]
        spread = max(values) - min(values) if values else None
        rows.append(
            ScaleRow(
                occasion=occasion,
                cells=[cell.get(r.key) for r in raters],
                lowest=min(values) if values else None,
                highest=max(values) if values else None,
                spread=spread,
                flagged=spread is not None and len(values) > 1 and spread >= DIVERGENCE,
            )
        )
    return ScaleSeries(
        scale=scale.value,
        label=str(scale.label),
        question=question.value,
        question_label=str(question.label),
        raters=raters,
        rows=rows,
        flagged_count=sum(1 for r in rows if r.flagged),
    )
