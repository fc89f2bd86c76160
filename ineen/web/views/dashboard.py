from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.accounts.middleware import mfa_required as _mfa_required
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.enums import CaseState


@require_GET
@login_required
@policy.access_rule("authenticated: own work only (cases via cases_for_user)")
def dashboard(request):
    user = request.user
    visible = policy.cases_for_user(user).select_related("household", "safety_house")
    chaired = policy.houses_with_role(user, ["chair"])
    queue = list(
        visible.filter(safety_house_id__in=chaired, state__in=[CaseState.REFERRED, CaseState.IN_TRIAGE]).order_by(
            "opened_at"
        )[:50]
    )
    mine = list(visible.filter(state=CaseState.ACTIVE).exclude(safety_house_id__in=chaired).order_by("-opened_at")[:50])
    referrals = list(policy.referrals_for_user(user).select_related("case").order_by("-submitted_at")[:20])
    # Own referrals show their case's reference and state: case data too, so they are audited as well.
    shown = [c.reference for c in queue + mine] + [r.case.reference for r in referrals]
    if shown:
        events.record(
            request=request,
            action=Action.LIST,
            purpose="werkvoorraad",
            subject=Subject("case_list"),
            detail=",".join(shown),
        )
    return render(
        request,
        "web/dashboard.html",
        {
            "queue": queue,
            "mine": mine,
            "referrals": referrals,
            "can_refer": policy.referral_houses(user).exists(),
            "is_chair": bool(chaired),
        },
    )


@require_GET
@login_required
@policy.access_rule("authenticated: explains that MFA must be set up")
def mfa_required(request):
    return render(request, "web/mfa_required.html", {"required": _mfa_required(request.user)})
