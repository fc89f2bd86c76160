"""Domain actions: a case's profile, applying an arrangement, and where each element stands.

Applying proposes plan changes (ineen/plans/changes.py), so an arrangement never writes a plan row past the
partners: the owner of each element agrees (the proposer's own agreement counts at once), as for any change
between meetings. Both actions are audited in the caller's transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.plans import changes
from ineen.plans.enums import ActionStatus, ChangeKind, ChangeState

from .enums import ElementState
from .models import AppliedElement, ArrangementTemplate, CaseProfile

PURPOSE = "arrangement"
MAX_REASON = 2000


class Conflict(Exception):
    """Someone else set the case's profile after this user loaded the page."""

    def __init__(self, current):
        super().__init__(
            _("Intussen heeft iemand anders het profiel van deze casus gewijzigd. Bekijk het en kies opnieuw.")
        )
        self.current = current


def _audit(actor, case, object_type, object_id, detail):
    events.record(
        actor=actor,
        action=Action.UPDATE if object_type == "case_profile" else Action.CREATE,
        purpose=PURPOSE,
        detail=detail,
        subject=Subject(
            object_type, str(object_id), str(case.household.public_id), safety_house_code=case.safety_house.code
        ),
    )


def current_profile(case):
    return CaseProfile.objects.filter(case=case).select_related("profile", "assigned_by").first()


def seen_token(case_profile) -> str:
    return str(case_profile.public_id) if case_profile else "-"


@transaction.atomic
def assign_profile(*, case, actor, profile, reason, seen) -> CaseProfile:
    """Set the case's profile with a reason. `seen` is the profile decision the user saw (`seen_token`):
    a newer one raises Conflict instead of silently replacing it."""
    actor = acting(actor)
    reason = (reason or "").strip()
    errors = {}
    if profile is None or profile.safety_house_id != case.safety_house_id or not profile.active:
        errors["profile"] = _("Kies een profiel van dit Zorg- en Veiligheidshuis.")
    if not reason:
        errors["reason"] = _("Schrijf op waarom dit profiel past.")
    elif len(reason) > MAX_REASON:
        errors["reason"] = _("Maximaal %(n)s tekens.") % {"n": MAX_REASON}
    if errors:
        raise ValidationError(errors)
    # Lock the case row: two decisions at the same moment are taken one after the other.
    type(case).objects.select_for_update().filter(pk=case.pk).first()
    current = current_profile(case)
    if seen != seen_token(current):
        raise Conflict(current)
    row = CaseProfile.objects.create(case=case, profile=profile, reason=reason, assigned_by=actor.user)
    _audit(actor, case, "case_profile", row.public_id, f"profile {profile.origin or profile.pk}")
    return row


def element_states(case, template):
    """(element, state, change) for each element of the template in this case. An element is in the plan
    while its action is not cancelled; proposed while its change waits for answers; otherwise missing
    (never proposed, objected, outdated, or its action was cancelled)."""
    applied = {}
    for row in (
        AppliedElement.objects.filter(case=case, element__template=template)
        .select_related("change", "change__action")
        .order_by("applied_at", "pk")
    ):
        applied[row.element_id] = row  # the newest proposal per element counts
    result = []
    for element in template.elements.all():
        row = applied.get(element.pk)
        state = ElementState.MISSING
        if row is not None:
            change = row.change
            if change.state == ChangeState.OPEN:
                state = ElementState.PROPOSED
            elif change.action is not None and change.action.status != ActionStatus.CANCELLED:
                state = ElementState.IN_PLAN
        result.append((element, state, row.change if row else None))
    return result


def is_missing_mandatory(element, state) -> bool:
    return element.mandatory and state == ElementState.MISSING


def missing_mandatory(case):
    """The mandatory elements of the case's profile's active templates that are not (yet) in the plan or
    proposed. Empty when the case has no profile."""
    current = current_profile(case)
    if current is None:
        return []
    missing = []
    for template in ArrangementTemplate.objects.filter(profile=current.profile, active=True).prefetch_related(
        "elements"
    ):
        missing += [
            (template, element)
            for element, state, _change in element_states(case, template)
            if is_missing_mandatory(element, state)
        ]
    return missing


@transaction.atomic
def apply_template(*, case, actor, template, choices) -> list:
    """Propose the chosen elements of a template as new plan actions. `choices`: (element, owner, due_on)
    triples. Elements already in the plan or proposed are skipped (applying twice proposes nothing twice).
    Returns the plan changes made."""
    actor = acting(actor)
    current = current_profile(case)
    if current is None or template.profile_id != current.profile_id or not template.active:
        raise ValidationError(_("Dit arrangement hoort niet bij het profiel van deze casus."))
    states = {element.pk: state for element, state, _c in element_states(case, template)}
    made, errors = [], {}
    today = timezone.localdate()
    for element, owner, due_on in choices:
        if element.template_id != template.pk:
            raise ValidationError(_("Dit onderdeel hoort niet bij dit arrangement."))
        if states.get(element.pk) != ElementState.MISSING:
            continue
        if not isinstance(due_on, datetime.date):
            due_on = today + datetime.timedelta(weeks=element.weeks)
        try:
            change = changes.propose_change(
                case=case,
                actor=actor,
                kind=ChangeKind.NEW_ACTION,
                reason=_("Onderdeel van het arrangement %(name)s (profiel %(profile)s).")
                % {"name": template.name, "profile": template.profile.name},
                what=element.what,
                owner=owner,
                due_on=due_on,
                towards=element.towards,
                action_type=element.action_type,
            )
        except ValidationError as error:
            errors[str(element.public_id)] = error.messages
            continue
        AppliedElement.objects.create(case=case, element=element, change=change, applied_by=actor.user)
        made.append(change)
    if errors:
        # Nothing half applied: the whole proposal is taken back, the form shows each element's problem.
        raise ValidationError(errors)
    if made:
        _audit(actor, case, "arrangement", template.public_id, f"{len(made)} elements proposed")
    return made
