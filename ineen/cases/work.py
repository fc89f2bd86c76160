"""Mijn werk items of the cases context (ineen/web/work_items.py): handover notes to read ("handovers"),
follow-up checks due ("closures") and referrals waiting for triage plus upcoming triage meetings ("triage").
A fixed number of queries whatever the number of cases; only cases the user may see; references, no names."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.web.work_items import WorkItem

from .enums import CaseState
from .models import CaseDirectorAssignment, ClosurePlan, TriageMeeting


def work_items(user) -> list[WorkItem]:
    if not user.is_authenticated or not user.is_active:
        return []
    today = timezone.localdate()
    items: list[WorkItem] = []
    visible = policy.cases_for_user(user)
    # 1 query: handovers addressed to me that I have not confirmed.
    for a in (
        CaseDirectorAssignment.objects.filter(
            director=user, ended_at__isnull=True, handover_read_at__isnull=True, case__in=visible
        )
        .exclude(handover_note="")
        .select_related("case")
    ):
        items.append(
            WorkItem(
                section="handovers",
                title=_("Lees de overdracht en bevestig"),
                url=reverse("web:case_handover", args=[a.case.public_id]),
                case_reference=a.case.reference,
            )
        )
    # 1 query: follow-up checks due, for the chair of the house or the former director (their last assignment).
    chaired = policy.houses_with_role(user, [policy.Role.CHAIR])
    for plan in (
        ClosurePlan.objects.filter(
            followup_done_at__isnull=True, followup_due_on__lte=today, case__state=CaseState.CLOSED
        )
        .filter(policy.followup_q(user, chaired))
        .select_related("case")
        .order_by("followup_due_on")
    ):
        items.append(
            WorkItem(
                section="closures",
                title=_("Nazorgcheck vastleggen"),
                url=reverse("web:case_followup", args=[plan.case.public_id]),
                case_reference=plan.case.reference,
                due_on=plan.followup_due_on,
                overdue=plan.followup_due_on < today,
            )
        )
    if chaired:
        # 1 query: upcoming triage meetings (the referrals waiting for triage are ineen/web/my_work.py's
        # triage_items, listed once).
        for meeting in TriageMeeting.objects.filter(
            safety_house_id__in=chaired, starts_at__gte=timezone.now()
        ).order_by("starts_at"):
            items.append(
                WorkItem(
                    section="triage",
                    title=_("Weegoverleg"),
                    url=reverse("web:triage_meeting", args=[meeting.public_id]),
                    due_on=timezone.localtime(meeting.starts_at).date(),
                    detail=meeting.location,
                )
            )
    return items
