"""The live workspace: one page per conference (projector and laptops), a cheap poll, and one POST
URL per action. Views only load through the access policy, parse a form, call conferences/live.py
and render. Without htmx every action answers with a redirect (or the page with the error); with
htmx it answers with the regions of the user's view (hx-swap-oob), and workspace.js keeps any region
the user is typing in untouched.
The actions are split by meaning: here the page, its poll, the steps, scores and the projector;
workspace_items.py (contributions, priorities, notes) and workspace_decisions.py (top 3, phase, plan).
"""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ineen.access import policy
from ineen.audit import events
from ineen.audit.models import Action

from .. import live, live_cache, live_state
from .. import live_forms as f
from .workspace_common import (
    CHAIR,
    PAGE,
    TAKE_PART,
    _act,
    _load,
)


@require_GET
@login_required
@policy.access_rule("get_conference (chair of the house or active team member)")
def workspace(request, public_id):
    return _page(request, public_id)


def _page(request, public_id):
    access = _load(request, public_id)
    conference, relation = access.conference, access.relation
    view = live_state.view_for(conference, request.GET.get("weergave"))
    ctx = live_state.build(
        request, conference, relation, view, forms=_idea_prefill(request, conference, relation, view)
    )
    if "groot" in request.GET:  # a display preference (large print for the projector), kept per session
        request.session["ineen_ws_large"] = request.GET["groot"] == "1"
    ctx["large"] = request.session.get("ineen_ws_large", False)
    return render(request, PAGE, ctx)


def _idea_prefill(request, conference, relation, view):
    """ "Maak hier een actie van" (`?idee=<idea>` in the plan view): the action form filled with the idea's
    text and term. Only an idea offered to this user (the chair, meeting running, no action yet) fills it;
    anything else shows the empty form. The link swaps only the action form (htmx), so what is typed
    elsewhere on the page stays."""
    wanted = request.GET.get("idee", "")
    if not wanted or view.key != "plan":
        return {}
    may_chair = policy.may_chair_conference(request.user, conference, relation)
    ideas = live_state.offered_ideas(request.user, conference, may_chair)
    idea = next((i for i in ideas if str(i.public_id) == wanted), None)
    if idea is None:
        return {}
    initial = {"what": idea.text, "idea": str(idea.public_id), "horizon": idea.horizon or "short"}
    form = f.PlanActionForm(
        initial=initial,
        team=live_state.team(conference),
        top=live_state.top_items(conference),
        ideas=ideas,
        auto_id="ws-action-%s",
    )
    return {"action": form}


@require_GET
@login_required
@policy.access_rule(
    "get_conference without a read event; one is written when new content is shown. Nothing new: "
    "policy.may_poll, the same rule from facts loaded with the user"
)
@transaction.non_atomic_requests
def workspace_poll(request, public_id):
    """204 while nothing changed since the client's stamp (no read event: nothing is shown); the
    clock alone when only its minute moved; otherwise the regions of the client's view, read and
    audited in one transaction. The nothing-new answer runs without a transaction, so the many
    polls of a meeting never queue behind its writes (SQLite: no write lock per poll)."""
    if not request.htmx:  # opened directly, not by the page's poll: the page itself
        with transaction.atomic():
            return _page(request, public_id)
    now = timezone.now()
    seen = request.GET.get("v", "")
    # Nothing new, in one query: the user came with its access facts (conferences.middleware), the stamp is
    # compared with the shared cache's revision; the conference is not loaded. Anything else (a refusal, a
    # change, a cache miss that finds a change) takes the full path below, which decides and audits as ever.
    if policy.may_poll(request.user):
        entry = live_cache.cached(public_id)
        if entry is not None and seen == live.stamp_of(entry, now):
            return HttpResponse(status=204)
    access = _load(request, public_id, record=False)
    conference, relation = access.conference, access.relation
    live_cache.remember(conference)
    if seen == live.stamp(conference, now):
        return HttpResponse(status=204)
    view = live_state.view_for(conference, request.GET.get("weergave"))
    # Following the meeting: the client shows the step it last knew as the meeting's (`stap`), and the
    # chair has moved on since. It gets the new step's view whole (workspace.js keeps it while the user
    # is typing there). Someone who looks at another step on purpose stays where they are.
    known = request.GET.get("stap", "")
    moved = known == view.step and known != conference.current_step
    if moved:
        view = live_state.VIEWS[live_state.DEFAULT_VIEW[conference.current_step]]
    elif seen.split(".")[0] == str(conference.live_revision):
        ctx = {
            "conference": conference,
            "view": view,
            "oob": True,
            "now": now,
            **live_state.status_context(request.user, conference, relation, now),
        }
        return render(request, PAGE + "#clock-oob", ctx)
    with transaction.atomic():
        events.record(
            actor=access.actor,
            action=Action.VIEW,
            subject=live.subject(conference),
            purpose=live.PURPOSE,
            role=relation,
            detail=f"live update {view.key}",
        )
        ctx = live_state.build(request, conference, relation, view, now=now)
        ctx.update(oob=True, main_region="", moved=moved)
        return render(request, PAGE + ("#moved" if moved else "#oob"), ctx)


# --- the meeting and its steps (chair) -----------------------------------------------------------


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_start(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    return _act(
        request,
        conference,
        relation,
        region="status",
        message=_("Het overleg is begonnen."),
        run=lambda d: live.start(conference=conference, actor=access.actor),
        redirect_view="opening",
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_step(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    to_step = request.POST.get("to_step", "")
    target = live_state.DEFAULT_VIEW.get(to_step, "")
    return _act(
        request,
        conference,
        relation,
        region="status",
        redirect_view=target,
        message=_("Het overleg is nu bij: %(step)s.") % {"step": dict(live_state.LIVE_STEPS).get(to_step, "")},
        run=lambda d: live.move_step(
            conference=conference,
            actor=access.actor,
            from_step=request.POST.get("from_step", ""),
            to_step=to_step,
            confirm_without_attendance=request.POST.get("zonder_aanwezigheid") == "1",
        ),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_budgets(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    return _act(
        request,
        conference,
        relation,
        region="opening",
        key="budgets",
        message=_("De tijden zijn opgeslagen."),
        form=f.BudgetsForm(request.POST, auto_id="ws-budget-%s"),
        run=lambda d: live.set_budgets(conference=conference, actor=access.actor, budgets=d),
    )


# --- scores ----------------------------------------------------------------------------------------


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def workspace_score(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.CREATE)
    conference, relation = access.conference, access.relation
    return _act(
        request,
        conference,
        relation,
        region="scores",
        key="score",
        message=_("Uw cijfer is opgeslagen."),
        form=f.ScoreForm(request.POST, auto_id="ws-score-%s"),
        run=lambda d: live.submit_score(conference=conference, actor=access.actor, **d),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_reveal(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    return _act(
        request,
        conference,
        relation,
        region="scores",
        message=_("De cijfers zijn zichtbaar."),
        run=lambda d: live.reveal_scores(conference=conference, actor=access.actor),
    )


@require_GET
@login_required
@policy.access_rule("get_conference + may_watch_projector (chair or invited); its poll records only when new")
@transaction.non_atomic_requests
def workspace_projector(request, public_id):
    """The projector: large type, only the current step's shared content, no navigation. It follows
    the meeting like the workspace poll: the page asks every 3 s with its stamp; 204 while nothing
    changed, otherwise the content again (audited like the poll)."""
    poll = bool(request.htmx)
    access = _load(request, public_id, allow=policy.may_watch_projector, record=not poll)
    conference = access.conference
    now = timezone.now()
    if poll and request.GET.get("v", "") == live.stamp(conference, now):
        return HttpResponse(status=204)
    with transaction.atomic():
        if poll:
            events.record(
                actor=access.actor,
                action=Action.VIEW,
                subject=live.subject(conference),
                purpose=live.PURPOSE,
                role=access.relation,
                detail="projector update",
            )
        ctx = live_state.projector(conference, now)
        return render(request, "conferences/workspace_projector.html" + ("#content" if poll else ""), ctx)
