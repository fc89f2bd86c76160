"""Shared helpers of the live workspace's domain actions (see conferences/live.py for the rules every
action follows): the audit subject, the revision bump, the conditional update, text checks."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from ineen.audit import events
from ineen.audit.events import Subject
from ineen.guide.enums import Phase

from . import live_cache
from .enums import (
    ConferenceState,
    ContributionKind,
    LiveStep,
)
from .models import (
    Conference,
)

PURPOSE = "overleg"
# The individually collected points of each phase, from which the shared top 3 is chosen.
PHASE_CONTRIBUTION = {
    Phase.IMMEDIATE_SAFETY: ContributionKind.WORRY,
    Phase.STABLE_SAFETY: ContributionKind.RISK,
    Phase.RECOVERY: ContributionKind.RECOVERY_POINT,
}
BUDGET_STEPS = (LiveStep.PICTURE, LiveStep.JUDGEMENT, LiveStep.DECISION)
MAX_TEXT = 4000


class Conflict(ValidationError):
    """Someone else saved this row since the user loaded it. `current` is the row as it is now (or
    None when it was removed), so the user can compare it with their own text, which is kept."""

    def __init__(self, message, *, current=None):
        super().__init__(message)
        self.current = current


# --- helpers -----------------------------------------------------------------------------------


def subject(conference, object_type="conference", object_id=None) -> Subject:
    case = conference.case
    return Subject(
        object_type,
        str(object_id or conference.public_id),
        str(case.household.public_id),
        safety_house_code=case.safety_house.code,
    )


def _audit(*, actor, action, conference, object_type, object_id=None, detail=""):
    events.record(
        actor=actor,
        action=action,
        purpose=PURPOSE,
        detail=detail,
        subject=subject(conference, object_type, object_id),
    )


def _touch(conference, **fields):
    """Bump the live revision (and set `fields`) first in every action: see the module docstring."""
    Conference.objects.filter(pk=conference.pk).update(live_revision=F("live_revision") + 1, **fields)
    live_cache.changed(conference)


def _open(conference):
    if conference.state in (ConferenceState.ENDED, ConferenceState.CANCELLED):
        raise ValidationError(_("Dit overleg is afgerond; hier kan niets meer bij."))


def _text(value, field, message, *, required=True, limit=MAX_TEXT):
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: message})
    if len(text) > limit:
        raise ValidationError({field: _("Maximaal %(n)s tekens.") % {"n": limit}})
    return text


def _organisation(by):
    if by.organisation_id is None:
        raise ValidationError(_("U hoort niet bij een organisatie; uw inbreng heeft dan geen bron."))
    return by.organisation


def _update_seen(model, pk, seen_version, message, **fields):
    """The conditional UPDATE of the module docstring: write `fields` and bump the version only while the
    row is still at the version the user saw; otherwise nothing is written and Conflict carries the
    current row (None when it is withdrawn)."""
    done = model.objects.filter(pk=pk, version=seen_version).update(**fields, version=F("version") + 1)
    if not done:
        raise Conflict(message, current=model.objects.filter(pk=pk).first())
