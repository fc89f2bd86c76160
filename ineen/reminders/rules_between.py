"""Reminder rules for the work between meetings (issue 10): plan reviews due, plan changes waiting for an
answer, and escalations past their date without a result. Registered in rules.RULES on import (rules.py
imports this module at its end). Like every rule: a fixed number of queries, no case content in the text.

Escalations are the one place a reminder goes to someone outside the case team: the manager it is
addressed to. Those reminders carry audience "escalation_manager"; the sender asks the access policy
(`policy.may_answer_escalation`) instead of the team check, and the link is the manager's own page."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ineen.access.policy import ESCALATION_MANAGER
from ineen.cases.enums import CaseState, TeamRole

from .rules import _CASE, DUE_SOON_DAYS, Message, Reminder, register


def _plan_url(case, anchor: str) -> str:
    return reverse("plans:plan", args=[case.public_id]) + f"#{anchor}"


# --- plan reviews -------------------------------------------------------------------------------


@register(
    kind="plan_review_due",
    subject="Herinnering: plan evalueren",
    text="In een casus waarvan u casusregisseur bent is de evaluatie van het plan met het gezin aan de beurt "
    "(sinds {due}). Wilt u de evaluatie vastleggen?",
)
def plan_reviews_due(today: date) -> Iterable[Reminder]:
    """Cases whose plan review is due (ineen/plans/progress.py next_review_due: the cadence in weeks after
    the last review or the opening), to the case director; once per due date, so a recorded review
    starts a new period. One query."""
    from ineen.cases.models import TeamMembership
    from ineen.plans.progress import next_review_due, review_weeks_default

    directors = (
        TeamMembership.objects.filter(role=TeamRole.CASE_DIRECTOR, active_from__lte=today, ended_on__isnull=True)
        .exclude(active_until__lt=today)
        .exclude(case__state=CaseState.CLOSED)
        .select_related("user", *_CASE)
        .annotate(last_review=Max("case__plan_reviews__held_on"), weeks=Max("case__plan_review_cadence__weeks"))
        .order_by("case_id", "pk")
    )
    for m in directors:
        due = next_review_due(
            case_started=timezone.localtime(m.case.opened_at).date(),
            last_review=m.last_review,
            weeks=m.weeks or review_weeks_default(),
        )
        if due > today:
            continue
        yield Reminder(
            recipient=m.user,
            kind="plan_review_due",
            object_key=str(m.case.public_id),
            occasion=due.isoformat(),
            due_on=due,
            url=_plan_url(m.case, "evaluatie"),
            case=m.case,
            object_type="case",
        )


# --- plan changes -------------------------------------------------------------------------------


@register(
    kind="plan_change_answer",
    subject="Herinnering: reageer op een planwijziging",
    text="Er is een wijziging van het plan voorgesteld waarop uw reactie nodig is, uiterlijk {due}. Gaat u akkoord?",
)
def plan_changes_waiting(today: date) -> Iterable[Reminder]:
    """Open plan changes whose answer date is today or within DUE_SOON_DAYS, to each required partner who
    has not answered yet; once per answer date. One query."""
    from ineen.plans.enums import ChangeState
    from ineen.plans.models import PlanChangeResponse

    waiting = (
        PlanChangeResponse.objects.filter(
            answer="",
            change__state=ChangeState.OPEN,
            change__respond_by__gte=today,
            change__respond_by__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(change__case__state=CaseState.CLOSED)
        .select_related("partner", "change", *(f"change__{name}" for name in _CASE))
        .order_by("change_id", "pk")
    )
    for response in waiting:
        change = response.change
        yield Reminder(
            recipient=response.partner,
            kind="plan_change_answer",
            object_key=str(change.public_id),
            occasion=change.respond_by.isoformat(),
            due_on=change.respond_by,
            url=_plan_url(change.case, f"wijziging-{change.public_id}"),
            case=change.case,
            object_type="plan_change",
        )


# --- escalations --------------------------------------------------------------------------------


@register(
    messages={
        "escalation_overdue_manager": Message(
            "Herinnering: opschaling zonder resultaat",
            "Er is een opschaling aan u gericht die op {due} een resultaat nodig had. Er is nog geen resultaat "
            "vastgelegd. Wilt u het resultaat of de stand van zaken vastleggen?",
        ),
        "escalation_overdue_raiser": Message(
            "Herinnering: uw opschaling heeft nog geen resultaat",
            "Een opschaling die u heeft ingediend had op {due} een resultaat nodig. Er is nog geen resultaat "
            "vastgelegd. Wat doet het team intussen?",
        ),
    }
)
def escalations_overdue(today: date) -> Iterable[Reminder]:
    """Escalations past their "needed by" date without a result (open or in progress), to the addressed
    manager and to the raiser; once per date. One query."""
    from ineen.escalations.enums import FINISHED
    from ineen.escalations.models import Escalation

    overdue = (
        Escalation.objects.filter(needed_by__lt=today)
        .exclude(status__in=FINISHED)
        .exclude(case__state=CaseState.CLOSED)
        .select_related("addressed_to", "raised_by", *_CASE)
        .order_by("pk")
    )
    for escalation in overdue:
        common = {
            "object_key": str(escalation.public_id),
            "occasion": escalation.needed_by.isoformat(),
            "due_on": escalation.needed_by,
            "case": escalation.case,
            "object_type": "escalation",
        }
        yield Reminder(
            recipient=escalation.addressed_to,
            kind="escalation_overdue_manager",
            url=reverse("escalations:manager_detail", args=[escalation.public_id]),
            audience=ESCALATION_MANAGER,
            about=escalation,
            **common,
        )
        yield Reminder(
            recipient=escalation.raised_by,
            kind="escalation_overdue_raiser",
            url=reverse("escalations:detail", args=[escalation.case.public_id, escalation.public_id]),
            **common,
        )
