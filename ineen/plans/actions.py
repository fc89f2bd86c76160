"""Domain actions on the plan between meetings: an action's status and outcome, carrying an action over
to a new date (a bottom line's breach is recorded in ineen/escalations/actions.py).

Every action here:
- runs in one transaction and writes its audit event(s) in it (ineen.audit.events.record);
- takes keyword-only arguments: `by` is the acting user, `request` (optional) the audit origin;
- raises ValidationError (Dutch messages keyed by field) when input is refused, and `Conflict` when
  the row changed since the user loaded it: the conditional UPDATE
  (`filter(pk=..., version=seen).update(..., version=F("version") + 1)`) matched nothing. Nothing is
  ever overwritten silently; the view keeps the user's typed text.
Who may call which action is decided by the views through ineen.access.policy, not here.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action

from .enums import ActionStatus
from .models import PlanAction

PURPOSE = "plan"
MAX_TEXT = 4000
# The statuses a user sets by hand; "doorgeschoven" only comes from carry_over_action.
SETTABLE_STATUSES = (ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.CANCELLED)


class Conflict(ValidationError):
    """Someone else saved this row since the user loaded it. `current` is the row as it is now, so the
    user can compare it with their own text, which is kept."""

    def __init__(self, message, *, current=None):
        super().__init__(message)
        self.current = current


def _subject(case, object_type, object_id) -> Subject:
    return Subject(object_type, str(object_id), str(case.household.public_id), safety_house_code=case.safety_house.code)


def _audit(*, actor, action, case, object_type, object_id, detail=""):
    events.record(
        actor=actor,
        action=action,
        purpose=PURPOSE,
        detail=detail,
        subject=_subject(case, object_type, object_id),
    )


def carry_over_depth(action, by_pk) -> int:
    """How often this action was carried over: the length of its `carried_over_from` chain. `by_pk`
    holds the case's actions by primary key (one query for the whole plan); the walk stops at a row
    it does not know or has already seen."""
    depth, seen, current = 0, {action.pk}, action
    while current.carried_over_from_id in by_pk and current.carried_over_from_id not in seen:
        depth += 1
        current = by_pk[current.carried_over_from_id]
        seen.add(current.pk)
    return depth


@transaction.atomic
def update_action(*, action, actor, seen_version, status, outcome="") -> PlanAction:
    """Set an action's status (open / done / cancelled) and outcome, conditional on the version the
    user saw; Conflict (with the current row) when it changed meanwhile. An action that was carried
    over is closed: its successor is the one to update. Side effects: audit event."""
    actor = acting(actor)
    if status not in SETTABLE_STATUSES:
        raise ValidationError({"status": _("Kies open, gedaan of vervallen.")})
    outcome = (outcome or "").strip()
    if len(outcome) > MAX_TEXT:
        raise ValidationError({"outcome": _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}})
    if action.status == ActionStatus.CARRIED_OVER:
        raise ValidationError(_("Deze actie is doorgeschoven. Werk de nieuwe actie bij."))
    done = (
        PlanAction.objects.filter(pk=action.pk, version=seen_version)
        .exclude(status=ActionStatus.CARRIED_OVER)
        .update(status=status, outcome=outcome, version=F("version") + 1)
    )
    if not done:
        raise Conflict(
            _(
                "Iemand anders heeft deze actie intussen gewijzigd. Uw tekst staat hieronder nog; "
                "vergelijk met de huidige stand en sla opnieuw op."
            ),
            current=PlanAction.objects.filter(pk=action.pk).first(),
        )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=action.case,
        object_type="plan_action",
        object_id=action.public_id,
        detail=f"status {action.status} -> {status}",
    )
    return PlanAction.objects.get(pk=action.pk)


@transaction.atomic
def carry_over_action(*, action, actor, due_on, seen_version, conference=None) -> PlanAction:
    """Carry an open action over to a new date: the action gets status "doorgeschoven" and a copy
    (same owner, what, reason, type) starts with `due_on`, linked by `carried_over_from`, in
    `conference` when it happens in a meeting. The plan page warns from the second time on
    (carry_over_depth >= 2): the same action returning meeting after meeting is what the research
    found. Conflict when the action changed meanwhile. Side effects: audit events (old and new)."""
    actor = acting(actor)
    if due_on is None or due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Kies een nieuwe datum vanaf vandaag.")})
    if action.status != ActionStatus.OPEN:
        raise ValidationError(_("Alleen een open actie kan worden doorgeschoven."))
    if action.owner_id is None:  # imported from an old case file: the copy would need an owner
        raise ValidationError(
            _(
                "Deze afspraak komt uit een oud dossier en heeft geen eigenaar in Ineen. "
                "Maak een nieuwe actie met een eigenaar."
            )
        )
    done = PlanAction.objects.filter(pk=action.pk, version=seen_version, status=ActionStatus.OPEN).update(
        status=ActionStatus.CARRIED_OVER, version=F("version") + 1
    )
    if not done:
        raise Conflict(
            _("Iemand anders heeft deze actie intussen gewijzigd. Bekijk de huidige stand en probeer het opnieuw."),
            current=PlanAction.objects.filter(pk=action.pk).first(),
        )
    successor = PlanAction.objects.create(
        case_id=action.case_id,
        conference=conference,
        what=action.what,
        owner_id=action.owner_id,
        owner_organisation_id=action.owner_organisation_id,
        due_on=due_on,
        reason=action.reason,
        answers_id=action.answers_id,
        action_type=action.action_type,
        towards=action.towards,
        horizon=action.horizon,
        carried_over_from=action,
    )
    case = action.case
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=case,
        object_type="plan_action",
        object_id=action.public_id,
        detail=f"carried over -> {successor.public_id}",
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        case=case,
        object_type="plan_action",
        object_id=successor.public_id,
        detail=f"carried over from {action.public_id}, due {due_on}",
    )
    return successor
