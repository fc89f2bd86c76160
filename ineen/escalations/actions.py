"""Domain actions of escalation (opschalen) and bottom-line breaches.

Every action runs in one transaction with its audit events, takes keyword-only arguments with `actor=`,
and raises ValidationError (Dutch, keyed by field) on refused input, `Conflict` when the row changed since
the user loaded it (conditional UPDATE on `version`). Who may call which action is decided by the views
through ineen.access.policy.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.plans.enums import BottomLineStatus
from ineen.plans.models import BottomLine, PlanAction

from . import notifications
from .enums import FINISHED, SYSTEM_CATEGORIES, Category, EscalationStatus
from .models import BottomLineBreach, Escalation

PURPOSE = "escalation"
MAX_TEXT = 4000
ANSWER_STATUSES = (EscalationStatus.IN_PROGRESS, EscalationStatus.RESOLVED, EscalationStatus.NOT_RESOLVED)


class Conflict(ValidationError):
    """Someone else saved this row since the user loaded it; `current` is the row as it is now."""

    def __init__(self, message, *, current=None):
        super().__init__(message)
        self.current = current


def _audit(*, actor, action, case, object_type, object_id, detail=""):
    events.record(
        actor=actor,
        action=action,
        purpose=PURPOSE,
        detail=detail,
        subject=Subject(
            object_type, str(object_id), str(case.household.public_id), safety_house_code=case.safety_house.code
        ),
    )


def _text(value, field, *, required=True):
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Vul dit in.")})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}})
    return value


def team_users(case):
    """Who can own the consequence action: the case's active team members (a consequence belongs to
    someone at the table)."""
    from django.db.models import Q

    from ineen.accounts.models import User
    from ineen.cases.models import TeamMembership

    today = timezone.localdate()
    active = TeamMembership.objects.filter(case=case, active_from__lte=today).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=today)
    )
    return (
        User.objects.filter(is_active=True, organisation__isnull=False, pk__in=active.values("user_id"))
        .select_related("organisation")
        .order_by("first_name", "last_name", "pk")
    )


@transaction.atomic
def raise_escalation(
    *, case, actor, category, needed, needed_by, addressed_to, bridging_help="", breach=None
) -> Escalation:
    """Escalate: what is needed by when, addressed to a manager of the organisation concerned (the
    manager's organisation). Side effects: audit event; a mail to the manager with a link only."""
    actor = acting(actor)
    if category not in Category.values:
        raise ValidationError({"category": _("Kies een reden.")})
    needed = _text(needed, "needed")
    bridging_help = _text(bridging_help, "bridging_help", required=False)
    if needed_by is None or needed_by < timezone.localdate():
        raise ValidationError({"needed_by": _("Kies een datum vanaf vandaag.")})
    if addressed_to is None or not policy.escalation_managers(case.safety_house).filter(pk=addressed_to.pk).exists():
        raise ValidationError({"addressed_to": _("Kies een manager van de betrokken organisatie.")})
    escalation = Escalation.objects.create(
        case=case,
        category=category,
        needed=needed,
        needed_by=needed_by,
        organisation_id=addressed_to.organisation_id,
        addressed_to=addressed_to,
        raised_by=actor.user,
        bridging_help=bridging_help,
        breach=breach,
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        case=case,
        object_type="escalation",
        object_id=escalation.public_id,
        detail=f"category {category}",
    )
    transaction.on_commit(lambda: notifications.escalation_raised(escalation))
    return escalation


@transaction.atomic
def answer_escalation(*, escalation, actor, seen_version, status, result="") -> Escalation:
    """The manager records progress (in behandeling) or the result (opgelost / niet opgelost, with the
    result text; the date is today). Conflict when the escalation changed meanwhile."""
    actor = acting(actor)
    if status not in ANSWER_STATUSES:
        raise ValidationError({"status": _("Kies in behandeling, opgelost of niet opgelost.")})
    result = _text(result, "result", required=status in FINISHED)
    resolved_on = timezone.localdate() if status in FINISHED else None
    done = Escalation.objects.filter(pk=escalation.pk, version=seen_version).update(
        status=status, result=result, resolved_on=resolved_on, version=F("version") + 1
    )
    if not done:
        raise Conflict(
            _("Iemand anders heeft deze opschaling intussen gewijzigd. Uw tekst staat hieronder nog; sla opnieuw op."),
            current=Escalation.objects.filter(pk=escalation.pk).first(),
        )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=escalation.case,
        object_type="escalation",
        object_id=escalation.public_id,
        detail=f"status {escalation.status} -> {status}",
    )
    transaction.on_commit(lambda: notifications.escalation_answered(escalation))
    return Escalation.objects.get(pk=escalation.pk)


@transaction.atomic
def record_breach(
    *, bottom_line, actor, seen_version, occurred_on, what_happened, owner, due_on, barrier=""
) -> BottomLineBreach:
    """Record that a bottom line was breached (again): when and what happened; the bottom line's status
    becomes "niet nagekomen" (also when it already was: each breach is kept); the agreed consequence
    (`on_breach`) starts as a plan action with `owner` and `due_on`. Side effects: audit events (bottom line,
    breach, action); a mail with a link to the case director and the chairs. Conflict when the bottom line
    changed since the user loaded it."""
    actor = acting(actor)
    case = bottom_line.case
    what_happened = _text(what_happened, "what_happened")
    today = timezone.localdate()
    if occurred_on is None or occurred_on > today:
        raise ValidationError({"occurred_on": _("Kies een datum tot en met vandaag.")})
    if due_on is None or due_on < today:
        raise ValidationError({"due_on": _("Kies een datum vanaf vandaag.")})
    if barrier and barrier not in SYSTEM_CATEGORIES:
        raise ValidationError({"barrier": _("Kies een van de genoemde oorzaken.")})
    if owner is None or not team_users(case).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("Kies iemand uit het casusteam.")})
    if bottom_line.status == BottomLineStatus.ENDED:
        raise ValidationError(_("Deze bodemeis geldt niet meer."))
    done = (
        BottomLine.objects.filter(pk=bottom_line.pk, version=seen_version)
        .exclude(status=BottomLineStatus.ENDED)
        .update(status=BottomLineStatus.BREACHED, version=F("version") + 1)
    )
    if not done:
        raise Conflict(
            _("Iemand anders heeft deze bodemeis intussen gewijzigd. Uw tekst staat hieronder nog; sla opnieuw op."),
            current=BottomLine.objects.filter(pk=bottom_line.pk).first(),
        )
    action = PlanAction.objects.create(
        case=case,
        what=bottom_line.on_breach,
        owner=owner,
        owner_organisation_id=owner.organisation_id,
        due_on=due_on,
        reason=_("Afgesproken gevolg: een bodemeis is niet nagekomen."),
    )
    breach = BottomLineBreach.objects.create(
        case=case,
        bottom_line=bottom_line,
        occurred_on=occurred_on,
        what_happened=what_happened,
        barrier=barrier,
        consequence=action,
        recorded_by=actor.user,
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=case,
        object_type="bottom_line",
        object_id=bottom_line.public_id,
        detail="breached",
    )
    _audit(actor=actor, action=Action.CREATE, case=case, object_type="bottom_line_breach", object_id=breach.public_id)
    _audit(
        actor=actor,
        action=Action.CREATE,
        case=case,
        object_type="plan_action",
        object_id=action.public_id,
        detail=f"consequence of breach {breach.public_id}",
    )
    transaction.on_commit(lambda: notifications.breach_recorded(case, recorded_by=actor.user))
    return breach
