"""Domain actions on what is known about a household. Each write is audited in its transaction."""

from django.db import transaction

from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.privacy.models import GovernedItem

from .models import IncidentInvolvement, Person


def _subject(case, obj, person_ids=()) -> Subject:
    return Subject(
        obj._meta.model_name,
        str(getattr(obj, "public_id", obj.pk)),
        str(case.household.public_id),
        person_ids=[str(p) for p in person_ids],
        safety_house_code=case.safety_house.code,
    )


def _govern(record, concerns, shared_with):
    """Set whom a governed item concerns and (for 'named organisations') with whom it is shared."""
    if isinstance(record, GovernedItem):
        if concerns is not None:
            record.concerns.set(concerns)
        if shared_with is not None:
            record.shared_with.set(shared_with)
        return [p.public_id for p in record.concerns.all()]
    return []


@transaction.atomic
def save_record(*, case, record, actor, concerns=None, shared_with=None, purpose="huishouden"):
    """Add or change one record of the household (a member, life domain, strength, service, measure,
    other table). The source organisation is the author's own; it cannot be chosen. A new record
    remembers `case` as the case it was recorded in (who may see it later: policy.household_scope_q);
    a changed record keeps the case it was first recorded in."""
    actor = acting(actor)
    by = actor.user
    created = record.pk is None
    record.household = case.household
    if created:
        record.recorded_in = case
    if hasattr(record, "source_organisation_id") and created:
        record.source_organisation = by.organisation
    record.save()
    person_ids = _govern(record, concerns, shared_with)
    person = record if isinstance(record, Person) else getattr(record, "person", None)
    if person is not None:
        person_ids.append(person.public_id)
    events.record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        purpose=purpose,
        subject=_subject(case, record, person_ids),
    )
    return record


@transaction.atomic
def record_incident(*, case, incident, involvements: list[tuple[Person, str]], actor, concerns=None, shared_with=None):
    """Record an incident with, per person, their role in it ("who did what to whom"). The incident
    concerns everyone involved unless the author narrowed it. The incident remembers `case` as the case
    it was recorded in."""
    actor = acting(actor)
    by = actor.user
    incident.household = case.household
    incident.recorded_in = case
    incident.source_organisation = by.organisation
    incident.save()
    for person, role in involvements:
        IncidentInvolvement.objects.create(incident=incident, person=person, role=role)
    _govern(incident, concerns or [p for p, _ in involvements], shared_with)
    events.record(
        actor=actor,
        action=Action.CREATE,
        purpose="huishouden",
        subject=_subject(case, incident, [p.public_id for p, _ in involvements]),
    )
    return incident
