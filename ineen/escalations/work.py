"""Mijn werk items of escalation: escalations addressed to me as manager and still open; escalations I raised
that got an answer; recent breaches in my cases whose consequence action is still open. Three queries
(plus the user's roles, cached), whatever the number of cases, read in Mijn werk's one round trip (two-phase
provider, ineen/web/work_items.py); no case content beyond the category."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.accounts.enums import Role
from ineen.cases.enums import CaseState
from ineen.plans.enums import ActionStatus
from ineen.web.work_items import Pending, WorkItem, label, provider

from .enums import EscalationStatus
from .models import BottomLineBreach, Escalation

ANSWER_SHOWN_DAYS = 14
BREACH_SHOWN_DAYS = 60


@provider
def work_items(user, scope) -> Pending | list[WorkItem]:
    if not user.is_authenticated or not user.is_active:
        return []
    today = timezone.localdate()
    managed = policy.houses_with_role(user, [Role.MANAGER])
    if managed and user.organisation_id is not None:
        addressed = (
            Escalation.objects.filter(
                addressed_to=user,
                organisation_id=user.organisation_id,
                case__safety_house_id__in=managed,
                status__in=(EscalationStatus.OPEN, EscalationStatus.IN_PROGRESS),
            )
            .exclude(case__state=CaseState.CLOSED)
            .order_by("needed_by", "pk")
            .values_list("category", "public_id", "case__reference", "needed_by", "status")
        )
    else:
        addressed = Escalation.objects.none()
    answered = (
        Escalation.objects.filter(scope.case_q("case"), raised_by=user)
        .exclude(status=EscalationStatus.OPEN)
        .exclude(resolved_on__lt=today - timedelta(days=ANSWER_SHOWN_DAYS))
        .order_by("-pk")
        .values_list("category", "public_id", "case__public_id", "case__reference", "status")
    )
    breaches = (
        BottomLineBreach.objects.filter(
            scope.case_q("case"),
            consequence__status=ActionStatus.OPEN,
            occurred_on__gte=today - timedelta(days=BREACH_SHOWN_DAYS),
        )
        .order_by("consequence__due_on", "pk")
        .values_list("case__public_id", "case__reference", "consequence__public_id", "consequence__due_on")
    )

    def build(rows):
        items = []
        for category, public_id, reference, needed_by, status in rows[0]:
            items.append(
                WorkItem(
                    section="escalations",
                    title=_("Opschaling: %(reason)s") % {"reason": label(Escalation, "category", category)},
                    url=reverse("escalations:manager_detail", args=[public_id]),
                    case_reference=reference,
                    due_on=needed_by,
                    overdue=needed_by < today,
                    detail=label(Escalation, "status", status),
                )
            )
        for category, public_id, case_id, reference, status in rows[1]:
            items.append(
                WorkItem(
                    section="escalations",
                    title=_("Reactie op uw opschaling: %(reason)s")
                    % {"reason": label(Escalation, "category", category)},
                    url=reverse("escalations:detail", args=[case_id, public_id]),
                    case_reference=reference,
                    detail=label(Escalation, "status", status),
                )
            )
        for case_id, reference, action_id, due_on in rows[2]:
            items.append(
                WorkItem(
                    section="breaches",
                    title=_("Bodemeis niet nagekomen: gevolg inzetten"),
                    url=reverse("plans:plan", args=[case_id]) + f"#actie-{action_id}",
                    case_reference=reference,
                    due_on=due_on,
                    overdue=due_on < today,
                )
            )
        return items

    return Pending([addressed, answered, breaches], build)
