"""Case list/search and the case overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ineen.access import policy
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases import actions, aftercare
from ineen.cases.enums import CaseState, Route
from ineen.cases.models import Referral
from ineen.cases.search import MAX_QUERY_LENGTH, CasePaginator, search_cases
from ineen.conferences.enums import PhaseDecisionKind
from ineen.conferences.models import Invitation
from ineen.households import coming_of_age
from ineen.web.fields import seen_version
from ineen.web.forms import ReasonForm
from ineen.web.views.triage import _apply_errors


@require_GET
@login_required
@policy.access_rule("cases_for_user")
def case_list(request):
    q = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    state = request.GET.get("status", "")
    route = request.GET.get("route", "")
    visible = policy.cases_for_user(request.user).select_related("household", "safety_house")
    cases = search_cases(visible, q, state=state, route=route, few=policy.sees_few_cases(request.user))
    page = CasePaginator(cases, 25).get_page(request.GET.get("pagina"))
    events.record(
        actor=policy.Actor.from_request(request),
        action=Action.SEARCH if q else Action.LIST,
        purpose="casusoverzicht",
        subject=Subject("case_list"),
        detail=",".join(c.reference for c in page),
    )
    context = {
        "page": page,
        "q": q,
        "state": state,
        "route": route,
        "states": CaseState.choices,
        "routes": Route.choices,
    }
    template = "web/case_list.html#results" if request.htmx else "web/case_list.html"
    return render(request, template, context)


@require_GET
@login_required
@policy.access_rule("get_case: chair of the house or active team member")
def case_detail(request, public_id):
    access = policy.get_case(request, public_id, purpose="casusoverzicht")
    case, relation = access.case, access.relation
    household = case.household
    director_history = list(case.director_assignments.select_related("director", "organisation"))
    team = list(case.team.select_related("user", "organisation"))
    # The case's conferences, each marked when this user is invited (preparation link), with the case's latest
    # phase decision alongside (the "close" banner): one query.
    conferences = list(
        case.conferences.annotate(
            is_invited=Exists(Invitation.objects.filter(conference=OuterRef("pk"), user=request.user)),
            latest_phase_decision=aftercare.latest_phase_decision(case),
        ).order_by("-starts_at")
    )
    context = {
        "case": case,
        "relation": relation,
        "household": household,
        # The referral answers show the referrer and their organisation: one query, not three.
        "referral": Referral.objects.select_related("referrer", "referring_organisation").filter(case=case).first(),
        "triages": list(case.triages.select_related("decided_by")),
        # The current director is the one open assignment of the history (one query for both).
        "director": next((a for a in director_history if a.ended_at is None), None),
        "director_history": director_history,
        "team": team,
        "state_changes": list(case.state_changes.select_related("changed_by")),
        "conferences": conferences,
        "may_schedule": policy.may_schedule_conference(request.user, case, relation),
        "may_triage": policy.may_triage(request.user, case, relation),
        "may_change_state": policy.may_change_state(request.user, case, relation),
        "may_manage_team": policy.may_manage_team(request.user, case, relation),
        "may_edit": policy.may_edit_household(request.user, case, relation),
        "may_manage_privacy": policy.may_manage_privacy(request.user, case, relation),
        "reason_form": ReasonForm(),
        **_between_meetings(request.user, case, relation, director_history, team, conferences),
        "turning_eighteen": coming_of_age.signals_for(case, relation, timezone.localdate()),
    }
    return render(request, "web/case_detail.html", context)


def _between_meetings(user, case, relation, director_history, team, conferences):
    """Issue 10 on the case page: handover banner, continuity counts, closure plans, phase "close"."""
    from django.utils import timezone

    from ineen.cases import direction

    current = next((a for a in director_history if a.ended_at is None), None)
    plans = list(case.closure_plans.select_related("created_by", "followup_by"))
    latest = plans[0] if plans else None
    return {
        "continuity": direction.continuity(case, director_history, team),
        "handover_unread": bool(current and current.director_id == user.pk and current.handover_unread),
        "may_write_handover": policy.may_write_handover(user, case, relation),
        "may_read_handover_notes": policy.may_read_handover_notes(user, case, relation),
        "may_record_followup": policy.may_record_followup(user, case, relation),
        "closure_plans": plans,
        "followup_due": bool(
            latest and latest.followup_done_at is None and latest.followup_due_on <= timezone.localdate()
        ),
        # As aftercare.phase_decided_to_close, from the decision folded into the conference query.
        "phase_close": case.state == CaseState.ACTIVE
        and bool(conferences)
        and conferences[0].latest_phase_decision == PhaseDecisionKind.CLOSE,
    }


def _state_change(request, public_id, action, success, title):
    access = policy.get_case(
        request, public_id, purpose="casusstatus", action=Action.UPDATE, allow=policy.may_change_state
    )
    case, _relation = access.case, access.relation
    form = ReasonForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            action(
                case=case,
                actor=access.actor,
                reason=form.cleaned_data["reason"],
                seen_version=seen_version(request.POST),
            )
        except ValidationError as error:
            _apply_errors(form, error)
            status = 409 if isinstance(error, actions.StaleVersion) else 400
        else:
            messages.success(request, success)
            return redirect("web:case_detail", case.public_id)
    # Not done (conflict, refused, no reason): show the current state and keep the typed reason.
    return render(
        request,
        "web/case_state_change.html",
        {"case": case, "form": form, "title": title, "action_url": request.path},
        status=status,
    )


@require_http_methods(["POST"])
@login_required
@policy.access_rule("get_case + may_change_state (chair)")
def case_reopen(request, public_id):
    return _state_change(
        request,
        public_id,
        actions.reopen_case,
        _("De casus is heropend; de geschiedenis is bewaard."),
        _("Casus heropenen"),
    )
