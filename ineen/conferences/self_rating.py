"""Self-rating (issue 11, point 6): household members give their own 1-10 answer to the scaling questions
— their own safety, how their life is going — before the meeting (with the preparation talk, or through
their own access) or at the table. A SelfRating is a model of its own, so it is never averaged into the
professionals' ScalingScore distribution: pages show it beside it, as "Het gezin zelf", with the member's
first name and their own words.

Scale direction, for every wording: 10 = fully safe / going well, 1 = not at all.

Who may write one down for a client is decided by the views (policy.may_record_self_rating); the client
portal calls record_self_rating with a client actor (no user: entered_by None, channel OWN_ACCESS).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ineen.access import policy
from ineen.access.actor import acting
from ineen.audit.models import Action
from ineen.guide.enums import Phase

from . import live_cache
from .enums import ConferenceState, SelfRatingChannel, SelfRatingQuestion
from .models import Invitation, PreparationTalk, SelfRating
from .schedule_rules import Conflict, _audit

MAX_WORDS = 2000
RATING_STATES = (ConferenceState.PLANNED, ConferenceState.LIVE)
# The question as the member hears it: "je" for a young person, "u" for an adult (report.informal).
QUESTION_TEXT = {
    SelfRatingQuestion.SAFETY: (gettext_lazy("Hoe veilig voel je je?"), gettext_lazy("Hoe veilig voelt u zich?")),
    SelfRatingQuestion.LIFE: (gettext_lazy("Hoe gaat het met je leven?"), gettext_lazy("Hoe gaat het met uw leven?")),
}
SCALE_HELP = gettext_lazy("Een cijfer van 1 tot en met 10. 10 is: helemaal veilig of heel goed. 1 is: helemaal niet.")
VALUE_RANGE = gettext_lazy("Kies een cijfer van 1 tot en met 10.")
STALE = gettext_lazy(
    "Iemand anders heeft dit cijfer intussen veranderd. Bekijk het nieuwe cijfer; uw invoer staat er nog."
)
# The member's own question that belongs with the phase's professional scale (shown first).
PHASE_QUESTION = {
    Phase.IMMEDIATE_SAFETY: SelfRatingQuestion.SAFETY,
    Phase.STABLE_SAFETY: SelfRatingQuestion.SAFETY,
    Phase.RECOVERY: SelfRatingQuestion.LIFE,
}


def question_text(question, informal=True) -> str:
    young, adult = QUESTION_TEXT[SelfRatingQuestion(question)]
    return str(young if informal else adult)


def _check_person(conference, person):
    """A member shown through the case who is invited to this meeting or had a preparation talk."""
    case = conference.case
    if not policy.household_records(case, case.household.members.filter(pk=person.pk)).exists():
        raise ValidationError({"person": _("Kies een gezinslid van deze casus.")})
    invited = Invitation.objects.filter(conference=conference, person=person).exists()
    if not invited and not PreparationTalk.objects.filter(conference=conference, person=person).exists():
        raise ValidationError(
            {"person": _("%(name)s is niet uitgenodigd en had geen voorbereidend gesprek.") % {"name": person}}
        )


@transaction.atomic
def record_self_rating(
    *, actor, conference, person, question, value, words="", channel, seen_version=None
) -> SelfRating:
    """Record (or change) `person`'s own 1-10 answer to `question` for `conference`, with their own
    words. `actor` without a user is the client through their own access (channel OWN_ACCESS); a
    professional writes it down in the preparation talk or at the table. `seen_version`: the rating's
    version the user changed (None for a new one); Conflict (current rating attached) when it changed
    in between. Side effects: the workspace refreshes; audit event."""
    actor = acting(actor)
    if conference.state not in RATING_STATES:
        raise ValidationError(_("Dit overleg is afgerond of geannuleerd; een eigen cijfer kan niet meer."))
    if channel not in SelfRatingChannel.values:
        raise ValidationError({"channel": _("Kies hoe het cijfer is gegeven.")})
    # OWN_ACCESS only for the member themselves, through their own access in this case (no user); a
    # professional never poses as the client, and a client never writes down another member's answer.
    access = actor.client_access
    own = (
        actor.user is None
        and access is not None
        and access.person_id == person.pk
        and access.case_id == conference.case_id
    )
    if (channel == SelfRatingChannel.OWN_ACCESS) != own or (actor.user is None and not own):
        raise ValidationError(_("Via de eigen toegang vult alleen de cliënt zelf een cijfer in."))
    if question not in SelfRatingQuestion.values:
        raise ValidationError({"question": _("Kies een vraag.")})
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"value": VALUE_RANGE}) from None
    if not 1 <= value <= 10:
        raise ValidationError({"value": VALUE_RANGE})
    words = (words or "").strip()
    if len(words) > MAX_WORDS:
        raise ValidationError({"words": _("Maximaal %(n)s tekens.") % {"n": MAX_WORDS}})
    _check_person(conference, person)
    values = {"value": value, "words": words, "channel": channel, "entered_by": actor.user}
    rating = SelfRating.objects.select_for_update().filter(conference=conference, person=person, question=question)
    rating = rating.first()
    if rating is not None:
        if seen_version is None or str(seen_version) != str(rating.version):
            raise Conflict(STALE, current=rating)
        SelfRating.objects.filter(pk=rating.pk).update(**values, submitted_at=timezone.now(), version=F("version") + 1)
        rating.refresh_from_db()
    else:
        rating = SelfRating.objects.create(conference=conference, person=person, question=question, **values)
    if conference.state == ConferenceState.LIVE:
        from .models import Conference

        Conference.objects.filter(pk=conference.pk).update(live_revision=F("live_revision") + 1)
        live_cache.changed(conference)
    _audit(
        actor=actor,
        action=Action.UPDATE if rating.version > 1 else Action.CREATE,
        conference=conference,
        object_type="self_rating",
        object_id=rating.public_id,
        persons=[person],
        detail=f"self-rating {question}, {channel}",
    )
    return rating


# --- reading -------------------------------------------------------------------------------------------


@dataclass
class OwnAnswers:
    """One question's answers of the household itself, for beside the professionals' distribution."""

    question: str
    label: str
    ratings: list  # SelfRating rows with .person loaded, lowest first


def household_answers(conference, ratings=None, *, said_at_the_table=False) -> list[OwnAnswers]:
    """The household's own answers per question (the phase's question first), never mixed with the
    professionals' scores. One query (none when `ratings` is given).

    `said_at_the_table`: only the answers given aloud at the meeting (channel "conference"). The projector
    uses it: the whole room reads it, parents and partners included, so a score a mother gave in her
    preparation talk or a young person gave through their own access ("how safe do you feel?") is never
    put on the wall in front of the person she may be afraid of. The chair's own screen shows them all."""
    if ratings is None:
        ratings = list(SelfRating.objects.filter(conference=conference).select_related("person"))
    if said_at_the_table:
        ratings = [r for r in ratings if r.channel == SelfRatingChannel.AT_CONFERENCE]
    first = PHASE_QUESTION.get(conference.phase, SelfRatingQuestion.SAFETY)
    order = [first, *(q for q in SelfRatingQuestion if q != first)]
    result = []
    for question in order:
        rows = sorted((r for r in ratings if r.question == question), key=lambda r: (r.value, getattr(r, "pk", r.id)))
        if rows:
            result.append(OwnAnswers(question=question, label=question_text(question), ratings=rows))
    return result


def series(case) -> list[SelfRating]:
    """The household's own answers over the case's conferences (oldest first), for beside the
    professionals' repeated scores. One query."""
    return list(
        SelfRating.objects.filter(
            conference__case=case, person__in=policy.household_records(case, case.household.members.all())
        )
        .select_related("person", "conference")
        .order_by("conference__starts_at", "person__pk", "question")
    )
