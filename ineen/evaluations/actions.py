"""Recording evaluations. A response is given once and not edited afterwards (an evaluation is a moment's
judgement, and the aggregates count each respondent once): a second submission is refused with a message."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action

from .enums import CLIENT_KINDS, PROFESSIONAL_KINDS, Channel
from .models import EvaluationAnswer, EvaluationResponse, QuestionnaireItem, QuestionnaireVersion

PURPOSE = "conference_evaluation"


def current_version() -> QuestionnaireVersion:
    return QuestionnaireVersion.objects.get(is_current=True)


def items(version, kinds) -> dict[str, list[QuestionnaireItem]]:
    """The version's items per kind, in order (one query)."""
    grouped: dict[str, list[QuestionnaireItem]] = {str(k): [] for k in kinds}
    for item in QuestionnaireItem.objects.filter(version=version, kind__in=kinds).order_by("kind", "order"):
        grouped[item.kind].append(item)
    return grouped


def _subject(conference, response) -> Subject:
    case = conference.case
    return Subject(
        "evaluation",
        str(response.public_id),
        str(case.household.public_id),
        safety_house_code=case.safety_house.code,
    )


def _save(*, conference, actor, kinds, values, comment, respondent_user=None, respondent_person=None, channel):
    version = current_version()
    grouped = items(version, kinds)
    for kind_items in grouped.values():
        for item in kind_items:
            value = values.get((item.kind, item.key))
            if value is None or not 0 <= int(value) <= 10:
                raise ValidationError(_("Geef bij elke vraag een cijfer van 0 tot en met 10."))
    responses = []
    try:
        with transaction.atomic():
            for kind, kind_items in grouped.items():
                response = EvaluationResponse.objects.create(
                    conference=conference,
                    version=version,
                    kind=kind,
                    respondent_user=respondent_user,
                    respondent_person=respondent_person,
                    filled_in_by=actor.user,
                    channel=channel,
                    comment=comment if kind == kinds[0] else "",
                )
                EvaluationAnswer.objects.bulk_create(
                    EvaluationAnswer(response=response, item=item, value=int(values[(item.kind, item.key)]))
                    for item in kind_items
                )
                responses.append(response)
    except IntegrityError:
        raise ValidationError(_("Deze evaluatie is al ingevuld. U kunt haar niet nog eens invullen.")) from None
    for response in responses:
        events.record(
            actor=actor,
            action=Action.CREATE,
            subject=_subject(conference, response),
            purpose=PURPOSE,
            detail=f"{response.kind} via {channel}",
        )
    return responses


def submit_professional(*, conference, actor, values, comment=""):
    """The professional's three questionnaires (own experience, estimate of the client's, the guide)."""
    actor = acting(actor)
    return _save(
        conference=conference,
        actor=actor,
        kinds=[str(k) for k in PROFESSIONAL_KINDS],
        values=values,
        comment=comment,
        respondent_user=actor.user,
        channel=Channel.PROFESSIONAL_LINK,
    )


def submit_with_client(*, conference, actor, person, values, comment=""):
    """The client's questionnaires (the meeting; their well-being), filled in with the case director at the
    debrief: the respondent is the household member, the case director the one who typed it in."""
    actor = acting(actor)
    return _save(
        conference=conference,
        actor=actor,
        kinds=[str(k) for k in CLIENT_KINDS],
        values=values,
        comment=comment,
        respondent_person=person,
        channel=Channel.DEBRIEF,
    )


def submit_by_client(*, conference, actor, person, values, comment=""):
    """The client's questionnaires filled in by the household member themselves through their own access
    (ineen/portal): the respondent is the person, `filled_in_by` stays empty, the channel says how."""
    actor = acting(actor)
    return _save(
        conference=conference,
        actor=actor,
        kinds=[str(k) for k in CLIENT_KINDS],
        values=values,
        comment=comment,
        respondent_person=person,
        channel=Channel.CLIENT_LINK,
    )


def already_answered(conference, *, user=None, person=None) -> bool:
    qs = EvaluationResponse.objects.filter(conference=conference)
    return bool(qs.filter(respondent_user=user).exists() if user else qs.filter(respondent_person=person).exists())
