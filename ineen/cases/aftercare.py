"""Closure and aftercare (issue 10, point 7).

A case that was taken up closes only with a closure plan: the signals that things go wrong again and who
acts then, the local team contact (name, organisation, how to reach), and with whom this was agreed. At
closure a follow-up check is planned INEEN_FOLLOWUP_CHECK_MONTHS later; the chair (or the former director)
records it: how it is going, and whether the case must be reopened. Reopening brings the team back.
"""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.models import Action

from .enums import CaseState
from .models import Case, ClosurePlan, TeamMembership

PLAN_FIELDS = ("signals", "who_acts", "contact_name", "contact_organisation", "contact_reach", "agreed_with")


class StaleFollowUp(ValidationError):
    """Someone recorded the follow-up check since the user loaded it."""


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _subject(case, plan):
    from .actions import _subject as case_subject

    return case_subject(case, "closure_plan", plan.public_id)


def record_closure_plan(*, case: Case, actor, reason: str, plan: dict) -> ClosurePlan:
    """Called by actions.close_case with the case row locked; every field is needed."""
    actor = acting(actor)
    missing = {f: _("Vul dit in: het afsluitingsplan is nodig om de casus af te sluiten.") for f in PLAN_FIELDS}
    missing = {f: m for f, m in missing.items() if not str(plan.get(f, "")).strip()}
    if missing:
        raise ValidationError(missing)
    due = plan.get("followup_due_on") or add_months(timezone.localdate(), settings.INEEN_FOLLOWUP_CHECK_MONTHS)
    if due <= timezone.localdate():
        raise ValidationError({"followup_due_on": _("Plan de nazorgcheck na vandaag.")})
    closure = ClosurePlan.objects.create(
        case=case,
        reason=reason,
        created_by=actor.user,
        followup_due_on=due,
        **{f: str(plan[f]).strip() for f in PLAN_FIELDS},
    )
    events.record(
        actor=actor,
        action=Action.CREATE,
        purpose="afsluiting",
        subject=_subject(case, closure),
        detail=f"follow-up {due.isoformat()}",
    )
    return closure


def latest_plan(case: Case) -> ClosurePlan | None:
    return case.closure_plans.select_related("created_by", "followup_by").first()


@transaction.atomic
def record_followup(*, case: Case, actor, how: str, reopen_needed: bool | None, seen_version=None) -> ClosurePlan:
    """The follow-up check of the latest closure: when, by whom, how it is going, reopen needed?"""
    actor = acting(actor)
    closure = ClosurePlan.objects.select_for_update().filter(case=case).order_by("-created_at", "-pk").first()
    if closure is None or case.state != CaseState.CLOSED:
        raise ValidationError(_("Er is geen afgesloten casus met een afsluitingsplan om na te vragen."))
    if closure.followup_done_at is not None or (seen_version is not None and int(seen_version) != closure.version):
        raise StaleFollowUp(_("De nazorgcheck is intussen al vastgelegd. Bekijk wat er staat."))
    if not how.strip():
        raise ValidationError({"how": _("Schrijf op hoe het gaat.")})
    if reopen_needed is None:
        raise ValidationError({"reopen_needed": _("Kies of de casus heropend moet worden.")})
    closure.followup_done_at = timezone.now()
    closure.followup_by = actor.user
    closure.followup_how = how
    closure.followup_reopen_needed = reopen_needed
    closure.version += 1
    closure.save(update_fields=["followup_done_at", "followup_by", "followup_how", "followup_reopen_needed", "version"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="nazorg",
        subject=_subject(case, closure),
        detail="follow-up recorded" + (" (reopen needed)" if reopen_needed else ""),
    )
    return closure


def former_team(case: Case) -> list[TeamMembership]:
    """The memberships that ran until (around) the closure: whom the chair may bring back on reopening."""
    return list(case.team.select_related("user", "organisation").filter(ended_on__isnull=True))


def after_reopen(*, case: Case, actor, reason: str, reactivate=()) -> list[TeamMembership]:
    """Called by actions.reopen_case after the state change: the chair brings chosen former team members
    back (a new running membership in the same role; the old one stays as history) and the reopening is
    audited with its reason. The closure plan and the whole history stay on the case page."""
    actor = acting(actor)
    from .actions import _subject as case_subject
    from .enums import TeamRole

    back = []
    today = timezone.localdate()
    for membership in TeamMembership.objects.filter(case=case, user__in=list(reactivate)).select_related("user"):
        if membership.is_active_on(today) or any(m.user_id == membership.user_id for m in back):
            continue
        if not membership.user.is_active or membership.user.organisation_id is None:
            continue
        back.append(
            TeamMembership.objects.create(
                case=case,
                user=membership.user,
                organisation=membership.user.organisation,
                # A former director comes back as a professional; direction is assigned again explicitly.
                role=TeamRole.PROFESSIONAL if membership.role == TeamRole.CASE_DIRECTOR else membership.role,
                added_by=actor.user,
            )
        )
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="heropening",
        subject=case_subject(case),
        detail=f"reopened: {reason[:200]}; team back: {len(back)}",
    )
    return back


def latest_phase_decision(case: Case):
    """The decision of the case's latest phase decision, as a subquery: the case page folds it into its
    conference query (its query budget) instead of asking phase_decided_to_close."""
    from django.db.models import Subquery

    from ineen.conferences.models import PhaseDecision

    latest = PhaseDecision.objects.filter(conference__case=case).order_by("-decided_at", "-pk")
    return Subquery(latest.values("decision")[:1])


def phase_decided_to_close(case: Case):
    """The latest conference of this active case whose phase decision was "close": the chair is led to
    the closing form (case page banner, and the link at the end of the conference)."""
    if case.state != CaseState.ACTIVE:
        return None
    from ineen.conferences.models import PhaseDecision

    decision = (
        PhaseDecision.objects.filter(conference__case=case)
        .select_related("conference")
        .order_by("-decided_at", "-pk")
        .first()
    )
    return decision if decision is not None and decision.decision == "close" else None
