"""Plan routes between meetings: a progress note on an action, proposing a plan change and answering it,
recording a plan review and setting its cadence. Same pattern as plans/views.py: load through the access
policy, parse a form, call the domain (progress.py, changes.py), render; refused input shows the page again
with what the user typed (400, 409 on a conflict)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ineen.access import policy
from ineen.audit.models import Action

from . import actions, changes, progress, queries
from . import forms as f
from .enums import ActionStatus, BottomLineStatus
from .models import BottomLine, PlanAction, PlanChange
from .views import _load, _plan_url, _refused

PROGRESS = "get_case + may_update_action (the action's owner, the case director or the chair)"
PROPOSE = "get_case + may_propose_plan_change (the chair and active team members)"
ANSWER = "get_case + may_answer_plan_change (a required partner whose answer is still open)"
REVIEW = "get_case + may_review_plan (the case director or the chair)"


@require_POST
@login_required
@policy.access_rule(PROGRESS)
def action_progress(request, public_id, action_id):
    access, action = _load(request, public_id, PlanAction, action_id, policy.may_update_action)
    case, relation = access.case, access.relation
    key = f"progress-{action.pk}"
    form = f.ProgressForm(request.POST, auto_id=f"{key}-%s")
    if not form.is_valid():
        return _refused(request, case, relation, key, form, None, action)
    try:
        progress.record_progress(
            action=action,
            actor=access.actor,
            text=form.cleaned_data["text"],
            status_change=form.cleaned_data["status_change"],
            seen_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        return _refused(request, case, relation, key, form, error, action)
    messages.success(request, _("De voortgang is vastgelegd."))
    return redirect(_plan_url(case, f"actie-{action.public_id}"))


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(PROPOSE)
def change_new(request, public_id):
    access = policy.get_case(
        request,
        public_id,
        purpose=actions.PURPOSE,
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_propose_plan_change,
    )
    case = access.case
    open_actions = list(PlanAction.objects.filter(case=case, status=ActionStatus.OPEN))
    lines = list(BottomLine.objects.filter(case=case, status=BottomLineStatus.ACTIVE))
    team = changes.running_team(case)
    form = f.ChangeForm(request.POST or None, actions=open_actions, lines=lines, team=team)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            by_id = {str(m.public_id): m.user for m in team}
            try:
                change = changes.propose_change(
                    case=case,
                    actor=access.actor,
                    kind=data["kind"],
                    reason=data["reason"],
                    action=next((a for a in open_actions if str(a.public_id) == data["action"]), None),
                    bottom_line=next((b for b in lines if str(b.public_id) == data["bottom_line"]), None),
                    what=data["what"],
                    owner=by_id.get(data["owner"]),
                    due_on=data["due_on"],
                    towards=data["towards"],
                    text=data["text"],
                    guardian=by_id.get(data["guardian"]),
                    on_breach=data["on_breach"],
                    respond_by=data["respond_by"],
                )
            except ValidationError as error:
                for name, errors in (
                    error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
                ).items():
                    for e in errors:
                        form.add_error(name if name in form.fields else None, e)
            else:
                messages.success(
                    request,
                    _("De wijziging is doorgevoerd.")
                    if change.state == "applied"
                    else _("Uw voorstel is verstuurd naar de betrokken partners."),
                )
                return redirect(_plan_url(case, "wijzigingen"))
    return render(
        request, "plans/change_new.html", {"case": case, "household": case.household, "form": form}, status=status
    )


@require_POST
@login_required
@policy.access_rule(ANSWER)
def change_respond(request, public_id, change_id):
    found = {}

    def allow(user, case, relation):
        _open, _history = queries.plan_changes(case)
        found["change"] = next((c for c in _open if c.public_id == change_id), None)
        return found["change"] is not None and policy.may_answer_plan_change(user, found["change"], relation)

    access = policy.get_case(request, public_id, purpose=actions.PURPOSE, action=Action.UPDATE, allow=allow)
    case, relation, change = access.case, access.relation, found["change"]
    change.case = case
    key = f"respond-{change.pk}"
    form = f.ResponseForm(request.POST, auto_id=f"{key}-%s")
    if not form.is_valid():
        return _refused(request, case, relation, key, form, None)
    try:
        result = changes.respond_to_change(
            change=change, actor=access.actor, answer=form.cleaned_data["answer"], comment=form.cleaned_data["comment"]
        )
    except ValidationError as error:
        return _refused(request, case, relation, key, form, error)
    messages.success(
        request,
        _("Iedereen is akkoord: de wijziging is doorgevoerd.")
        if result.state == "applied"
        else _("Uw reactie is vastgelegd."),
    )
    return redirect(_plan_url(case, "wijzigingen"))


@require_POST
@login_required
@policy.access_rule(REVIEW)
def review_new(request, public_id):
    access = policy.get_case(
        request, public_id, purpose=actions.PURPOSE, action=Action.UPDATE, allow=policy.may_review_plan
    )
    case, relation = access.case, access.relation
    form = f.ReviewForm(request.POST, auto_id="review-%s")
    if not form.is_valid():
        return _refused(request, case, relation, "review", form, None)
    try:
        progress.record_review(case=case, actor=access.actor, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, case, relation, "review", form, error)
    messages.success(request, _("De evaluatie van het plan is vastgelegd."))
    return redirect(_plan_url(case, "evaluatie"))


@require_POST
@login_required
@policy.access_rule(REVIEW)
def review_cadence(request, public_id):
    access = policy.get_case(
        request, public_id, purpose=actions.PURPOSE, action=Action.UPDATE, allow=policy.may_review_plan
    )
    case, relation = access.case, access.relation
    form = f.CadenceForm(request.POST, auto_id="cadence-%s")
    if not form.is_valid():
        return _refused(request, case, relation, "cadence", form, None)
    progress.set_review_cadence(case=case, actor=access.actor, weeks=form.cleaned_data["weeks"])
    messages.success(request, _("Het ritme van de evaluaties is vastgelegd."))
    return redirect(_plan_url(case, "evaluatie"))


__all__ = ["PlanChange", "action_progress", "change_new", "change_respond", "review_new", "review_cadence"]
