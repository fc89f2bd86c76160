from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.accounts import enrolment
from ineen.accounts.middleware import mfa_required as _mfa_required
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.enums import CaseState
from ineen.cases.models import Case
from ineen.web import my_work
from ineen.web.work_items import label


@dataclass(frozen=True)
class MyCase:
    public_id: UUID
    reference: str
    household_name: str
    route_label: str


@dataclass(frozen=True)
class MyReferral:
    public_id: UUID
    case_reference: str
    submitted_at: datetime
    case_state_label: str


@require_GET
@login_required
@policy.access_rule("authenticated: own work only (cases via work_scope: those of cases_for_user)")
def dashboard(request):
    """Mijn werk: the user's work items from every app (web/my_work.py), their cases and own referrals.
    A fixed number of queries whatever the number of cases (the cases the user may see, then every list in
    one round trip: my_work.gather); one LIST audit event naming what is shown."""
    user = request.user
    scope = policy.work_scope(user)
    mine_rows = (
        Case.objects.filter(scope.case_q(""), state=CaseState.ACTIVE)
        .exclude(safety_house_id__in=scope.chaired)
        .order_by("-opened_at")
        .values_list("public_id", "reference", "household__name", "route")[:50]
    )
    referral_rows = (
        policy.referrals_for_user(user)
        .order_by("-submitted_at")
        .values_list("public_id", "case__reference", "submitted_at", "case__state")[:20]
    )
    can_refer = policy.referral_houses(user).order_by().values_list("pk", flat=True)[:1]
    items, (mine_rows, referral_rows, can_refer) = my_work.gather(user, scope, [mine_rows, referral_rows, can_refer])
    mine = [MyCase(p, ref, name, label(Case, "route", route)) for p, ref, name, route in mine_rows]
    referrals = [MyReferral(p, ref, at, label(Case, "state", state)) for p, ref, at, state in referral_rows]
    sections = my_work.sections(items, is_chair=bool(scope.chaired), in_team=bool(mine))
    # Work items and own referrals show case references (and states): case data, so the list is audited.
    shown = list(
        dict.fromkeys(
            [item.case_reference for s in sections for item in s.items if item.case_reference]
            + [c.reference for c in mine]
            + [r.case_reference for r in referrals]
        )
    )
    if shown:
        events.record(
            actor=policy.Actor.from_request(request),
            action=Action.LIST,
            purpose="werkvoorraad",
            subject=Subject("case_list"),
            detail=",".join(shown),
        )
    return render(
        request,
        "web/dashboard.html",
        {
            "sections": sections,
            "mine": mine,
            "referrals": referrals,
            "can_refer": bool(can_refer),
            "is_chair": bool(scope.chaired),
            "today": timezone.localdate(),
        },
    )


@require_GET
@login_required
@policy.access_rule("authenticated: explains that MFA must be set up")
def mfa_required(request):
    context = {"required": _mfa_required(request.user), "granted": enrolment.has_grant(request)}
    return render(request, "web/mfa_required.html", context)
