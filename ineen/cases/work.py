"""Mijn werk items of the cases context (ineen/web/work_items.py): handover notes to read ("handovers"),
follow-up checks due ("closures") and referrals waiting for triage plus upcoming triage meetings ("triage").
A fixed number of queries whatever the number of cases, read in Mijn werk's one round trip (two-phase provider,
ineen/web/work_items.py); only cases the user may see (the request's policy.work_scope); references, no names."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.web.work_items import Pending, WorkItem, provider

from .enums import CaseState
from .models import CaseDirectorAssignment, ClosurePlan, TriageMeeting


@provider
def work_items(user, scope) -> Pending | list[WorkItem]:
    if not user.is_authenticated or not user.is_active:
        return []
    today = timezone.localdate()
    # Handovers addressed to me that I have not confirmed.
    handovers = (
        CaseDirectorAssignment.objects.filter(
            scope.case_q("case"), director=user, ended_at__isnull=True, handover_read_at__isnull=True
        )
        .exclude(handover_note="")
        .values_list("case__public_id", "case__reference")
    )
    # Follow-up checks due, for the chair of the house or the former director (their last assignment).
    followups = (
        ClosurePlan.objects.filter(
            followup_done_at__isnull=True, followup_due_on__lte=today, case__state=CaseState.CLOSED
        )
        .filter(policy.followup_q(user, list(scope.chaired)))
        .order_by("followup_due_on")
        .values_list("case__public_id", "case__reference", "followup_due_on")
    )
    # Upcoming triage meetings (the referrals waiting for triage are ineen/web/my_work.py's triage_items,
    # listed once).
    meetings = (
        TriageMeeting.objects.filter(safety_house_id__in=scope.chaired, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values_list("public_id", "starts_at", "location")
    )

    def build(rows):
        items = [
            WorkItem(
                section="handovers",
                title=_("Lees de overdracht en bevestig"),
                url=reverse("web:case_handover", args=[case_id]),
                case_reference=reference,
            )
            for case_id, reference in rows[0]
        ]
        items += [
            WorkItem(
                section="closures",
                title=_("Nazorgcheck vastleggen"),
                url=reverse("web:case_followup", args=[case_id]),
                case_reference=reference,
                due_on=due_on,
                overdue=due_on < today,
            )
            for case_id, reference, due_on in rows[1]
        ]
        items += [
            WorkItem(
                section="triage",
                title=_("Weegoverleg"),
                url=reverse("web:triage_meeting", args=[public_id]),
                due_on=timezone.localtime(starts_at).date(),
                detail=location,
            )
            for public_id, starts_at, location in rows[2]
        ]
        return items

    return Pending([handovers, followups, meetings], build)
