"""Mijn werk items of the plan (ineen/web/work_items.py): plan changes waiting for my answer
("plan_changes"), and plan reviews due where I am case director ("plan_reviews"). Only cases the user may
see (the request's policy.work_scope, the cases of policy.cases_for_user) and not closed; a fixed number of
queries whatever the number of cases (one per section, read in Mijn werk's one round trip: two-phase
provider, ineen/web/work_items.py); no case content beyond the reference. My own open and overdue actions
are listed by ineen/web/my_work.py (action_items)."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import TeamMembership
from ineen.web.work_items import Pending, WorkItem, label, provider, resolve

from .enums import ChangeState
from .models import PlanChange, PlanChangeResponse
from .progress import next_review_due, review_weeks_default


def _plan_url(case_public_id, anchor):
    return reverse("plans:plan", args=[case_public_id]) + f"#{anchor}"


@provider
def work_items(user, scope) -> Pending | list[WorkItem]:
    return _pending(user, scope, timezone.localdate())


def work_items_for_day(user, today, scope=None) -> list[WorkItem]:
    """The items as they stand on `today` (tests look ahead to when a review falls due)."""
    from ineen.access import policy

    (items,) = resolve([_pending(user, policy.work_scope(user) if scope is None else scope, today)])
    return items


def _pending(user, scope, today) -> Pending | list[WorkItem]:
    if not user.is_authenticated:
        return []
    changes = (
        PlanChangeResponse.objects.filter(
            scope.case_q("change__case"), partner=user, answer="", change__state=ChangeState.OPEN
        )
        .exclude(change__case__state=CaseState.CLOSED)
        .order_by("change__respond_by", "pk")
        .values_list(
            "change__public_id",
            "change__kind",
            "change__respond_by",
            "change__case__public_id",
            "change__case__reference",
        )
    )
    directed = (
        TeamMembership.objects.filter(
            scope.case_q("case"), user=user, role=TeamRole.CASE_DIRECTOR, active_from__lte=today
        )
        .exclude(active_until__lt=today)
        .exclude(case__state=CaseState.CLOSED)
        .annotate(last_review=Max("case__plan_reviews__held_on"), weeks=Max("case__plan_review_cadence__weeks"))
        .order_by("case__reference")
        .values_list("case_id", "case__public_id", "case__reference", "case__opened_at", "last_review", "weeks")
    )

    def build(rows):
        items = []
        for change_id, kind, respond_by, case_id, reference in rows[0]:
            items.append(
                WorkItem(
                    section="plan_changes",
                    title=_("Reageer op planwijziging: %(kind)s") % {"kind": label(PlanChange, "kind", kind).lower()},
                    url=_plan_url(case_id, f"wijziging-{change_id}"),
                    case_reference=reference,
                    due_on=respond_by,
                    overdue=respond_by < today,
                )
            )
        reviewed = set()
        for case_pk, case_id, reference, opened_at, last_review, weeks in rows[1]:
            if case_pk in reviewed:
                continue
            reviewed.add(case_pk)
            due = next_review_due(
                case_started=timezone.localtime(opened_at).date(),
                last_review=last_review,
                weeks=weeks or review_weeks_default(),
            )
            if due <= today:
                items.append(
                    WorkItem(
                        section="plan_reviews",
                        title=_("Plan evalueren met het gezin"),
                        url=_plan_url(case_id, "evaluatie"),
                        case_reference=reference,
                        due_on=due,
                        overdue=due < today,
                    )
                )
        return items

    return Pending([changes, directed], build)
