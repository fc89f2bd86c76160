"""The family's words for an action or bottom line (issue 11, point 4): what client documents show
instead of the professionals' text. Written at the conference (the workspace prompts for missing ones)
or afterwards by the chair or case director. Not a change of substance, so no PlanChange, and the row's
`version` is left alone (bumping it would make an agreed plan change "outdated"); concurrent edits are
caught with a `seen` token of what the user saw instead. ONLY `client_wording` (and, for a bottom line,
`concerns`) is written here -- never what, owner, due date, guardian or status.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.access.actor import acting
from ineen.audit.models import Action

from .actions import MAX_TEXT, Conflict, _audit
from .models import BottomLine, PlanAction

STALE = _(
    "Iemand anders heeft de woorden voor het gezin intussen gewijzigd. Hieronder staat de huidige tekst; "
    "uw tekst staat er nog. Sla opnieuw op als u die wilt houden."
)


def seen_token(row, concern_ids=()) -> str:
    """What the user saw: the wording (and, for a bottom line, who it concerns), as a short token."""
    raw = (row.client_wording or "") + "|" + ",".join(str(pk) for pk in sorted(concern_ids))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _wording(text):
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({"client_wording": _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}})
    return text


@transaction.atomic
def set_action_wording(*, actor, action, client_wording, seen) -> PlanAction:
    """Write the family's words for `action`. Conflict when the wording changed since the user saw it
    (`seen`: seen_token). Side effects: audit event."""
    actor = acting(actor)
    text = _wording(client_wording)
    current = PlanAction.objects.select_for_update().get(pk=action.pk)
    if seen != seen_token(current):
        raise Conflict(STALE, current=current)
    PlanAction.objects.filter(pk=action.pk).update(client_wording=text)
    action.client_wording = text
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=action.case,
        object_type="plan_action",
        object_id=action.public_id,
        detail="client wording",
    )
    return action


@transaction.atomic
def set_bottom_line_wording(*, actor, line, client_wording, concerns, seen) -> BottomLine:
    """Write the family's words for bottom line `line` and whom it concerns (`concerns`: household
    members; empty = the whole household). Conflict as set_action_wording. Side effects: audit event."""
    actor = acting(actor)
    text = _wording(client_wording)
    case = line.case
    members = {p.pk for p in policy.household_records(case, case.household.members.all())}
    chosen = {p.pk for p in concerns}
    if not chosen <= members:
        raise ValidationError({"concerns": _("Kies alleen gezinsleden van deze casus.")})
    current = BottomLine.objects.select_for_update().get(pk=line.pk)
    if seen != seen_token(current, current.concerns.values_list("pk", flat=True)):
        raise Conflict(STALE, current=current)
    BottomLine.objects.filter(pk=line.pk).update(client_wording=text)
    line.concerns.set(chosen)
    line.client_wording = text
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=case,
        object_type="bottom_line",
        object_id=line.public_id,
        detail="client wording",
    )
    return line
