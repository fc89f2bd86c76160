"""Shared helpers of the live workspace's views (views/workspace.py describes how they work): loading
through the policy, the regions of a view, and running one action from a form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.audit.models import Action

from .. import live, live_state

PAGE = "conferences/workspace.html"
# region -> the template partial that renders it
REGIONS = {
    "status": PAGE + "#status",
    "message": PAGE + "#message",
    "notes": PAGE + "#notes",
    "note-form": PAGE + "#note-form",
    "opening": PAGE + "#opening",
    "contributions": "conferences/workspace_picture.html#contributions",
    "contribution-form": "conferences/workspace_picture.html#contribution-form",
    "top": "conferences/workspace_picture.html#top",
    "incidents": "conferences/workspace_picture.html#incidents",
    "scores": "conferences/workspace_picture.html#scores",
    "phase": "conferences/workspace_picture.html#phase",
    "ideas": "conferences/workspace_decision.html#ideas",
    "idea-form": "conferences/workspace_decision.html#idea-form",
    "actions": "conferences/workspace_decision.html#actions",
    "action-form": "conferences/workspace_decision.html#action-form",
    "bottom-lines": "conferences/workspace_decision.html#bottom-lines",
    "bottom-line-form": "conferences/workspace_decision.html#bottom-line-form",
    "agreement": "conferences/workspace_decision.html#agreement",
    "next": "conferences/workspace_decision.html#next",
}
CHAIR = "get_conference + may_chair_conference (chair of the house)"
TAKE_PART = "get_conference + may_take_part (chair or team member invited to this conference)"


def _load(request, public_id, *, allow=None, action=Action.VIEW, record=True):
    return policy.get_conference(
        request, public_id, purpose=live.PURPOSE, action=action, allow=allow, record=record, related=live_state.RELATED
    )


def _page_url(conference, view_key="", region=""):
    url = reverse("conferences:workspace", args=[conference.public_id])
    if view_key in live_state.VIEWS:
        url += f"?weergave={view_key}"
    return url + (f"#ws-{region}" if region else "")


def _render_regions(
    request, conference, relation, *, view_key, main_region, forms=None, message="", error="", status=200
):
    if status != 200:  # a refusal: shown in a view with the region that was sent
        view = live_state.view_showing(conference, view_key, main_region)
    else:
        view = live_state.view_for(conference, view_key)
    ctx = live_state.build(request, conference, relation, view, forms=forms)
    ctx.update(oob=True, main_region=main_region, message=message, error=error)
    if status != 200:  # a refusal: only the region that was sent, plus the message
        return render(
            request, "conferences/workspace_answer.html", {**ctx, "region": REGIONS[main_region]}, status=status
        )
    return render(request, PAGE + "#oob", ctx)


def _apply(form, error):
    if form is None:
        return
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, error)


def _act(
    request, conference, relation, *, region, run, message, form=None, key=None, on_conflict=None, redirect_view=None
):
    """Run one action and answer: redirect (plain POST) or the updated regions (htmx); on refusal
    the sent region again with the user's input kept, 400 (invalid) or 409 (conflict)."""
    view_key = request.POST.get("weergave", "")
    forms, status, error = {}, 200, ""
    if form is not None and not form.is_valid():
        forms[key], status = form, 400
    else:
        try:
            run(form.cleaned_data if form is not None else {})
        except live.Conflict as conflict:
            forms, status = (on_conflict(conflict) if on_conflict else {}), 409
            error = " ".join(conflict.messages)
            if form is not None and key not in forms:
                forms[key] = form
        except ValidationError as refused:
            forms[key], status = form, 400
            if hasattr(refused, "error_dict"):
                _apply(form, refused)
            else:  # a refusal of the whole action, not of one field: said in the message region
                error = " ".join(refused.messages)
    if status == 200:
        if not request.htmx:
            messages.success(request, message)
            return redirect(_page_url(conference, redirect_view or view_key, "" if redirect_view else region))
        conference = live_state.refresh(conference)
        return _render_regions(request, conference, relation, view_key=view_key, main_region=region, message=message)
    conference = live_state.refresh(conference)
    if not error and form is not None:
        error = _("Niet opgeslagen: verbeter wat hieronder staat.")
    if request.htmx:
        return _render_regions(
            request,
            conference,
            relation,
            view_key=view_key,
            main_region=region,
            forms=forms,
            error=error,
            status=status,
        )
    ctx = live_state.build(
        request, conference, relation, live_state.view_showing(conference, view_key, region), forms=forms
    )
    ctx["error"] = error
    return render(request, PAGE, ctx, status=status)


def _rebound(form_class, request, **overrides):
    """The user's input again, with the current version, so saving once more is a deliberate choice."""
    auto_id = overrides.pop("auto_id", "id_%s")
    data = request.POST.copy()
    for name, value in overrides.items():
        data[name] = value
    form = form_class(data, auto_id=auto_id)
    form.is_valid()
    return form
