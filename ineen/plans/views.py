"""The plan page of a case, and one POST URL per plan action (status/outcome, carry over). A bottom
line's breach is recorded in ineen/escalations (breach_new): the plan page links there.
Views load through the access policy, parse a form, call plans/actions.py and render;
a refused form shows the plan page again with the user's input kept (400, or 409 on a conflict)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ineen.access import policy
from ineen.audit.models import Action
from ineen.households import coming_of_age

from . import actions, queries
from . import forms as f
from .enums import BottomLineStatus
from .models import PlanAction

READ = "get_case: chair of the house or active team member"
UPDATE = "get_case + may_update_action (the action's owner, the case director or the chair)"


def _page_number(request, name):
    try:
        return max(1, int(request.GET.get(name, "1")))
    except ValueError:
        return 1


def _action_forms(user, action, relation, *, forms=None, conflicts=None):
    """Attach the forms of one action (status/outcome, progress, carry over) when the user may update it.
    Only the action's own page renders them (the plan page links there): unbound forms for every action were
    80 % of the plan page's time (issue 12)."""
    forms, conflicts = forms or {}, conflicts or {}
    action.may_update = action.status != "carried_over" and policy.may_update_action(user, action, relation)
    if action.may_update:
        action.form = forms.get(f"action-{action.pk}") or f.ActionUpdateForm(
            initial={"status": action.status, "outcome": action.outcome, "version": action.version},
            auto_id=f"action-{action.pk}-%s",
        )
        action.conflict = conflicts.get(f"action-{action.pk}")
    if action.may_update and action.is_open:
        action.progress_form = forms.get(f"progress-{action.pk}") or f.ProgressForm(
            initial={"version": action.version}, auto_id=f"progress-{action.pk}-%s"
        )
        action.progress_conflict = conflicts.get(f"progress-{action.pk}")
        action.carry_form = forms.get(f"carry-{action.pk}") or f.CarryOverForm(
            initial={"version": action.version}, auto_id=f"carry-{action.pk}-%s"
        )


def _context(request, case, relation, *, forms=None, conflicts=None):
    """Everything the plan page shows: one page of open actions and one (collapsed) page of the others, so
    its cost does not grow with the plan; the summary and nudges come from one narrow query over all actions.
    `forms`: bound forms to show instead of fresh ones, keyed "respond-<pk>", "review" or "cadence" (an
    action's forms are on its own page, `action_detail`); `conflicts`: the current row per key."""
    forms, conflicts, user = forms or {}, conflicts or {}, request.user
    outlines = queries.outline(case)
    open_outlines = [row for row in outlines if row.is_open]
    open_actions, closed_actions, pages = queries.actions_page(
        case,
        outlines,
        open_page=_page_number(request, "open"),
        closed_page=_page_number(request, "afgerond"),
    )
    for action in open_actions + closed_actions:
        action.case = case  # the predicates check the case's state: no query per row
        action.may_update = action.status != "carried_over" and policy.may_update_action(user, action, relation)
    lines = queries.bottom_lines(case)
    for line in lines:
        line.case = case
        # Also when already breached: a bottom line can be breached again (each breach is its own row).
        line.may_breach = line.status != BottomLineStatus.ENDED and policy.may_record_breach(user, line, relation)
    open_changes, history = queries.plan_changes(case)
    for change in open_changes:
        change.may_answer = policy.may_answer_plan_change(user, change, relation)
        if change.may_answer:
            change.form = forms.get(f"respond-{change.pk}") or f.ResponseForm(auto_id=f"respond-{change.pk}-%s")
    may_review = policy.may_review_plan(user, case, relation)
    review = queries.reviews(case)
    conference_rows = queries.conferences(case)
    agreement_conference, agreement = queries.latest_agreement(conference_rows)
    return {
        "case": case,
        "turning_eighteen": coming_of_age.signals_for(case, relation, timezone.localdate()),
        "household": case.household,
        "relation": relation,
        "may_manage_privacy": policy.may_manage_privacy(user, case, relation),
        "may_write_wording": policy.may_write_client_wording(user, case, relation),
        "open_actions": open_actions,
        "closed_actions": closed_actions,
        "pages": pages,
        "nudges": queries.nudges(open_outlines),
        "nudge_links": queries.NUDGE_LINKS,
        "minus_links": -queries.NUDGE_LINKS,
        "summary": queries.summary(open_outlines, [row for row in outlines if not row.is_open]),
        "open_changes": open_changes,
        "history": history,
        "may_propose": policy.may_propose_plan_change(user, case, relation),
        "review": review,
        "may_review": may_review,
        "review_form": (forms.get("review") or f.ReviewForm(auto_id="review-%s")) if may_review else None,
        "cadence_form": (
            forms.get("cadence") or f.CadenceForm(initial={"weeks": review["weeks"]}, auto_id="cadence-%s")
        )
        if may_review
        else None,
        "bottom_lines": lines,
        "conferences": conference_rows,
        "agreement": agreement,
        "agreement_conference": agreement_conference,
    }


def _plan_url(case, anchor=""):
    return reverse("plans:plan", args=[case.public_id]) + (f"#{anchor}" if anchor else "")


def _load(request, public_id, model, object_id, predicate):
    """The case and one of its rows (`model` by public id), when `predicate(user, row, relation)`
    allows the user to act on it; otherwise 404 (NotVisible, audited as a denial)."""
    found = {}

    def allow(user, case, relation):
        row = model.objects.filter(case=case, public_id=object_id).first()
        found["row"] = row
        if row is not None:
            row.case = case  # loaded with its household and safety house; the predicate checks its state
        return row is not None and predicate(user, row, relation)

    access = policy.get_case(request, public_id, purpose=actions.PURPOSE, action=Action.UPDATE, allow=allow)
    case = access.case
    row = found["row"]
    row.case = case  # loaded with its household and safety house; the audit subject needs them
    return access, row


def _refused(request, case, relation, key, form, error, action=None):
    """Show the page of the form again (the action's own page for an action's forms, else the plan page)
    with the user's input and the message next to it."""
    conflicts = {}
    if isinstance(error, actions.Conflict) and error.current is not None:
        conflicts[key] = error.current
        # Keep what the user typed, but against the current version: saving again is a deliberate choice.
        data = form.data.copy()
        data["version"] = error.current.version
        form = type(form)(data, auto_id=form.auto_id)
        form.is_valid()
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for e in errors:
                form.add_error(name if name in form.fields else None, e)
    elif error is not None:
        form.add_error(None, error)
    status = 409 if isinstance(error, actions.Conflict) else 400
    refused = " ".join(error.messages) if error is not None else _("Niet opgeslagen: controleer de invoer.")
    if action is not None:
        ctx = _action_context(request, case, relation, action, forms={key: form}, conflicts=conflicts)
        ctx["refused"] = refused
        return render(request, "plans/action.html", ctx, status=status)
    ctx = _context(request, case, relation, forms={key: form}, conflicts=conflicts)
    ctx["refused"] = refused
    return render(request, "plans/plan.html", ctx, status=status)


def _action_context(request, case, relation, action, *, forms=None, conflicts=None):
    """One action with all its progress notes and, for whoever may update it, its forms."""
    light = {row.pk: row for row in queries.outline(case)}.get(action.pk)
    action.case = case
    action.is_open = action.status == "open"
    action.overdue = bool(light and light.overdue)
    action.depth = light.depth if light else 0
    action.repeated = bool(light and light.repeated)
    action.needs_reason = not action.reason.strip() and action.answers_id is None
    action.notes = queries.progress_by_action(case, [action.pk]).get(action.pk, [])
    _action_forms(request.user, action, relation, forms=forms, conflicts=conflicts)
    return {
        "case": case,
        "household": case.household,
        "relation": relation,
        "a": action,
        "may_write_wording": policy.may_write_client_wording(request.user, case, relation),
    }


@require_GET
@login_required
@policy.access_rule(READ)
def plan(request, public_id):
    access = policy.get_case(request, public_id, purpose=actions.PURPOSE)
    case, relation = access.case, access.relation
    return render(request, "plans/plan.html", _context(request, case, relation))


@require_GET
@login_required
@policy.access_rule(READ)
def action_detail(request, public_id, action_id):
    """One action of the plan with its progress and, for its owner, the case director and the chair, its
    forms. Linked from the plan page (without JavaScript a page of its own; with htmx the forms open inside
    the action's card: the fragment below)."""
    access = policy.get_case(request, public_id, purpose=actions.PURPOSE)
    action = access.related(
        PlanAction.objects.select_related("owner", "owner_organisation", "answers", "conference"), public_id=action_id
    )
    ctx = _action_context(request, access.case, access.relation, action)
    if request.htmx:
        return render(request, "plans/_action_detail.html", ctx)
    return render(request, "plans/action.html", ctx)


@require_POST
@login_required
@policy.access_rule(UPDATE)
def action_update(request, public_id, action_id):
    access, action = _load(request, public_id, PlanAction, action_id, policy.may_update_action)
    case, relation = access.case, access.relation
    key = f"action-{action.pk}"
    form = f.ActionUpdateForm(request.POST, auto_id=f"{key}-%s")
    if not form.is_valid():
        return _refused(request, case, relation, key, form, None, action)
    try:
        actions.update_action(
            action=action,
            actor=access.actor,
            seen_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            outcome=form.cleaned_data["outcome"],
        )
    except ValidationError as error:
        return _refused(request, case, relation, key, form, error, action)
    messages.success(request, _("De actie is bijgewerkt."))
    return redirect(_plan_url(case, f"actie-{action.public_id}"))


@require_POST
@login_required
@policy.access_rule(UPDATE)
def action_carry_over(request, public_id, action_id):
    access, action = _load(request, public_id, PlanAction, action_id, policy.may_update_action)
    case, relation = access.case, access.relation
    key = f"carry-{action.pk}"
    form = f.CarryOverForm(request.POST, auto_id=f"{key}-%s")
    if not form.is_valid():
        return _refused(request, case, relation, key, form, None, action)
    try:
        successor = actions.carry_over_action(
            action=action,
            actor=access.actor,
            due_on=form.cleaned_data["due_on"],
            seen_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        return _refused(request, case, relation, key, form, error, action)
    messages.success(request, _("De actie is doorgeschoven."))
    return redirect(_plan_url(case, f"actie-{successor.public_id}"))
