"""Young people's own voice (issue 11, point 9): a young person can be heard without their parents — in
their own preparation talk (PreparationTalk.without_parents) and in their own part of the conference
(PartKind.YOUTH), to which only young people and professionals are invited. What is said there is theirs:
notes of the youth part never reach a parent's documents, only those of the young people invited to it.
The turning-18 signal is households/coming_of_age.py.

Actions follow schedule.py's conventions (keyword-only, `actor`, one transaction, audit event, Dutch
ValidationError keyed by form field)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy

from ineen.access.actor import acting
from ineen.audit.models import Action
from ineen.households.enums import Relationship

from .enums import ConferenceState, PartKind
from .models import ConferencePart, Invitation
from .schedule_rules import _audit, _planned

CHILD_RELATIONSHIPS = {Relationship.CHILD, Relationship.CHILD_EARLIER}
ADULT_AGE = 18
YOUTH_PART_ORDER = 3  # after the closed (1) and open (2) parts; a whole part is 1
NOT_FOR_PARENTS = gettext_lazy(
    "Het eigen deel is alleen voor de jongere: %(name)s is ouder of verzorger en wordt hier niet voor "
    "uitgenodigd. Nodig %(name)s uit voor het hele of open deel."
)


def is_young_person(person) -> bool:
    """A child of the household, or anyone under 18: may be heard without their parents. Everyone else
    counts as a parent or carer for the youth part (also a grandparent or another housemate)."""
    age = person.age
    return person.relationship in CHILD_RELATIONSHIPS or (age is not None and age < ADULT_AGE)


def check_youth_invitation(part, person, field="person"):
    """Refuse a parent or carer in the youth part, whatever planning path invites them."""
    if part.kind == PartKind.YOUTH and not is_young_person(person):
        raise ValidationError({field: NOT_FOR_PARENTS % {"name": person}})


@transaction.atomic
def add_youth_part(*, conference, actor) -> ConferencePart:
    """Add the young person's own part to a planned (or running) conference; idempotent. Nobody is
    invited to it yet: the chair invites the young person(s) and the professionals they want there.
    Side effects: audit event."""
    actor = acting(actor)
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    part, created = ConferencePart.objects.get_or_create(
        conference=conference, kind=PartKind.YOUTH, defaults={"order": YOUTH_PART_ORDER}
    )
    if created:
        _audit(
            actor=actor,
            action=Action.CREATE,
            conference=conference,
            object_type="conference_part",
            object_id=part.public_id,
            detail="youth part added",
        )
    return part


def youth_notes_q(person):
    """ConferenceNote rows that household member `person` may be handed as far as the youth part goes:
    not of a youth part, unless `person` was invited to that youth part. For the client report, client
    documents and the subject-access export; combine with the closed-part exclusion."""
    invited = Invitation.objects.filter(part=OuterRef("part_id"), person=person)
    return ~Q(part__kind=PartKind.YOUTH) | Q(Exists(invited))
