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
from ineen.web import my_work


@require_GET
@login_required
@policy.access_rule("authenticated: own work only (cases via cases_for_user)")
def dashboard(request):
    """Mijn werk: the user's work items from every app (web/my_work.py), their cases and own referrals.
    A fixed number of queries whatever the number of cases; one LIST audit event naming what is shown."""
    user = request.user
    visible = policy.cases_for_user(user)
    chaired = policy.houses_with_role(user, ["chair"])
    mine = list(
        visible.filter(state=CaseState.ACTIVE)
        .exclude(safety_house_id__in=chaired)
        .select_related("household")
        .order_by("-opened_at")[:50]
    )
    referrals = list(policy.referrals_for_user(user).select_related("case").order_by("-submitted_at")[:20])
    sections = my_work.collect(user, is_chair=bool(chaired), in_team=bool(mine))
    # Work items and own referrals show case references (and states): case data, so the list is audited.
    shown = list(
        dict.fromkeys(
            [item.case_reference for s in sections for item in s.items if item.case_reference]
            + [c.reference for c in mine]
            + [r.case.reference for r in referrals]
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
            "can_refer": policy.referral_houses(user).exists(),
            "is_chair": bool(chaired),
            "today": timezone.localdate(),
        },
    )


@require_GET
@login_required
@policy.access_rule("authenticated: explains that MFA must be set up")
def mfa_required(request):
    context = {"required": _mfa_required(request.user), "granted": enrolment.has_grant(request)}
    return render(request, "web/mfa_required.html", context)
