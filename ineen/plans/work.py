"""Mijn werk items of the plan (ineen/web/work_items.py): plan changes waiting for my answer
("plan_changes"), and plan reviews due where I am case director ("plan_reviews"). Only cases the user may
see (policy.cases_for_user) and not closed; a fixed number of queries whatever the number of cases (one per
section); no case content beyond the reference. My own open and overdue actions are listed by
ineen/web/my_work.py (action_items)."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import TeamMembership
from ineen.web.work_items import WorkItem

from .enums import ChangeState
from .models import PlanChangeResponse
from .progress import next_review_due, review_weeks_default


def _plan_url(case_public_id, anchor):
    return reverse("plans:plan", args=[case_public_id]) + f"#{anchor}"


def work_items(user) -> list[WorkItem]:
    return work_items_for_day(user, timezone.localdate())


def work_items_for_day(user, today) -> list[WorkItem]:
    """The items as they stand on `today` (tests look ahead to when a review falls due)."""
    if not user.is_authenticated:
        return []
    visible = policy.cases_for_user(user).exclude(state=CaseState.CLOSED).values("pk")
    items = []
    for r in (
        PlanChangeResponse.objects.filter(
            partner=user, answer="", change__state=ChangeState.OPEN, change__case__in=visible
        )
        .select_related("change__case")
        .only(
            "change__public_id",
            "change__kind",
            "change__respond_by",
            "change__case__public_id",
            "change__case__reference",
        )
        .order_by("change__respond_by", "pk")
    ):
        change = r.change
        items.append(
            WorkItem(
                section="plan_changes",
                title=_("Reageer op planwijziging: %(kind)s") % {"kind": change.get_kind_display().lower()},
                url=_plan_url(change.case.public_id, f"wijziging-{change.public_id}"),
                case_reference=change.case.reference,
                due_on=change.respond_by,
                overdue=change.respond_by < today,
            )
        )
    directed = TeamMembership.objects.filter(
        user=user, role=TeamRole.CASE_DIRECTOR, active_from__lte=today, case__in=visible
    ).exclude(active_until__lt=today)
    reviewed = set()
    for m in (
        directed.select_related("case")
        .annotate(last_review=Max("case__plan_reviews__held_on"), weeks=Max("case__plan_review_cadence__weeks"))
        .only("case__public_id", "case__reference", "case__opened_at")
        .order_by("case__reference")
    ):
        if m.case_id in reviewed:
            continue
        reviewed.add(m.case_id)
        due = next_review_due(
            case_started=timezone.localtime(m.case.opened_at).date(),
            last_review=m.last_review,
            weeks=m.weeks or review_weeks_default(),
        )
        if due <= today:
            items.append(
                WorkItem(
                    section="plan_reviews",
                    title=_("Plan evalueren met het gezin"),
                    url=_plan_url(m.case.public_id, "evaluatie"),
                    case_reference=m.case.reference,
                    due_on=due,
                    overdue=due < today,
                )
            )
    return items
