"""Domain actions between meetings on the plan's actions and its review with the family: a progress note
(optionally done, or dropped with a reason), the plan-review cadence, and a recorded review.

Same rules as plans/actions.py: keyword-only, `actor=`, one transaction with its audit event, Dutch
ValidationErrors keyed by field, `Conflict` (with the current row) on a stale version. Who may call
which action is decided by the views through ineen.access.policy."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit.models import Action

from .actions import MAX_TEXT, PURPOSE, Conflict, _audit
from .enums import ActionStatus
from .models import ActionProgress, PlanAction, PlanReview, PlanReviewCadence

# A progress note may close the action: done, or dropped ("vervallen", the note is the reason).
PROGRESS_STATUSES = ("", ActionStatus.DONE, ActionStatus.CANCELLED)


def review_weeks_default() -> int:
    return int(getattr(settings, "INEEN_PLAN_REVIEW_WEEKS", 6))


def _text(value, field, *, required=True):
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Vul dit in.")})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}})
    return value


@transaction.atomic
def record_progress(*, action, actor, text, status_change="", seen_version=None) -> ActionProgress:
    """Append a progress note to an open action. With `status_change` "done" the note becomes the action's
    outcome; with "cancelled" it is the reason the action is dropped. A status change is conditional on
    the version the user saw (Conflict otherwise); a plain note is appended and cannot overwrite anything.
    Side effects: audit event."""
    actor = acting(actor)
    text = _text(text, "text")
    if status_change not in PROGRESS_STATUSES:
        raise ValidationError({"status_change": _("Kies: nog bezig, gedaan of vervallen.")})
    if action.status != ActionStatus.OPEN:
        raise ValidationError(_("Deze actie staat niet meer open."))
    if status_change:
        done = PlanAction.objects.filter(pk=action.pk, version=seen_version, status=ActionStatus.OPEN).update(
            status=status_change, outcome=text, version=F("version") + 1
        )
        if not done:
            raise Conflict(
                _("Iemand anders heeft deze actie intussen gewijzigd. Uw tekst staat hieronder nog."),
                current=PlanAction.objects.filter(pk=action.pk).first(),
            )
    note = ActionProgress.objects.create(action=action, author=actor.user, text=text, status_change=status_change)
    _audit(
        actor=actor,
        action=Action.CREATE,
        case=action.case,
        object_type="action_progress",
        object_id=action.public_id,
        detail=f"status -> {status_change}" if status_change else "note",
    )
    return note


@transaction.atomic
def set_review_cadence(*, case, actor, weeks) -> PlanReviewCadence:
    """Set how often the plan is reviewed with the family (1 to 52 weeks). Side effects: audit event."""
    actor = acting(actor)
    if not isinstance(weeks, int) or not 1 <= weeks <= 52:
        raise ValidationError({"weeks": _("Kies een aantal weken van 1 tot en met 52.")})
    cadence, _created = PlanReviewCadence.objects.update_or_create(
        case=case, defaults={"weeks": weeks, "set_by": actor.user, "set_at": timezone.now()}
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=case,
        object_type="plan_review_cadence",
        object_id=case.public_id,
        detail=f"{weeks} weeks",
    )
    return cadence


@transaction.atomic
def record_review(*, case, actor, held_on, with_whom, outcome) -> PlanReview:
    """Record a review of the plan with the family (not in the future). Side effects: audit event."""
    actor = acting(actor)
    if not isinstance(held_on, datetime.date) or held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Kies een datum tot en met vandaag.")})
    review = PlanReview.objects.create(
        case=case,
        held_on=held_on,
        with_whom=_text(with_whom, "with_whom"),
        outcome=_text(outcome, "outcome"),
        recorded_by=actor.user,
    )
    _audit(actor=actor, action=Action.CREATE, case=case, object_type="plan_review", object_id=review.public_id)
    return review


def next_review_due(*, case_started, last_review, weeks) -> datetime.date:
    """The date the next review is due: `weeks` after the last review, or after the case became active."""
    start = last_review or case_started
    return start + datetime.timedelta(weeks=weeks)


__all__ = ["PURPOSE", "record_progress", "record_review", "set_review_cadence", "next_review_due"]
