"""Mijn werk items of escalation: escalations addressed to me as manager and still open; escalations I raised
that got an answer; recent breaches in my cases whose consequence action is still open. Three queries
(plus the user's roles, cached), whatever the number of cases; no case content beyond the category."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.accounts.enums import Role
from ineen.cases.enums import CaseState
from ineen.plans.enums import ActionStatus
from ineen.web.work_items import WorkItem

from .enums import EscalationStatus
from .models import BottomLineBreach, Escalation

ANSWER_SHOWN_DAYS = 14
BREACH_SHOWN_DAYS = 60


def work_items(user) -> list[WorkItem]:
    if not user.is_authenticated or not user.is_active:
        return []
    today = timezone.localdate()
    items: list[WorkItem] = []
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
            .select_related("case")
            .order_by("needed_by", "pk")
        )
        for e in addressed:
            items.append(
                WorkItem(
                    section="escalations",
                    title=_("Opschaling: %(reason)s") % {"reason": e.get_category_display()},
                    url=reverse("escalations:manager_detail", args=[e.public_id]),
                    case_reference=e.case.reference,
                    due_on=e.needed_by,
                    overdue=e.needed_by < today,
                    detail=e.get_status_display(),
                )
            )
    answered = (
        Escalation.objects.filter(raised_by=user, case__in=policy.cases_for_user(user))
        .exclude(status=EscalationStatus.OPEN)
        .exclude(resolved_on__lt=today - timedelta(days=ANSWER_SHOWN_DAYS))
        .select_related("case")
        .order_by("-pk")
    )
    for e in answered:
        items.append(
            WorkItem(
                section="escalations",
                title=_("Reactie op uw opschaling: %(reason)s") % {"reason": e.get_category_display()},
                url=reverse("escalations:detail", args=[e.case.public_id, e.public_id]),
                case_reference=e.case.reference,
                detail=e.get_status_display(),
            )
        )
    breaches = (
        BottomLineBreach.objects.filter(
            case__in=policy.cases_for_user(user),
            consequence__status=ActionStatus.OPEN,
            occurred_on__gte=today - timedelta(days=BREACH_SHOWN_DAYS),
        )
        .select_related("case", "consequence")
        .order_by("consequence__due_on", "pk")
    )
    for b in breaches:
        action = b.consequence
        items.append(
            WorkItem(
                section="breaches",
                title=_("Bodemeis niet nagekomen: gevolg inzetten"),
                url=reverse("plans:plan", args=[b.case.public_id]) + f"#actie-{action.public_id}",
                case_reference=b.case.reference,
                due_on=action.due_on,
                overdue=action.due_on < today,
            )
        )
    return items
