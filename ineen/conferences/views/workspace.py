"""The live workspace: one page per conference (projector and laptops), a cheap poll, and one POST
URL per action. Views only load through the access policy, parse a form, call conferences/live.py
and render. Without htmx every action answers with a redirect (or the page with the error); with
htmx it answers with the regions of the user's view (hx-swap-oob), and workspace.js keeps any region
the user is typing in untouched.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ineen.access import policy
from ineen.audit import events
from ineen.audit.models import Action

from .. import live, live_state
from .. import live_forms as f
from ..enums import BRAINSTORM_KINDS
from ..models import ConferenceNote, Contribution

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


@require_GET
@login_required
@policy.access_rule("get_conference (chair of the house or active team member)")
def workspace(request, public_id):
    return _page(request, public_id)


def _page(request, public_id):
    access = _load(request, public_id)
    conference, relation = access.conference, access.relation
    view = live_state.view_for(conference, request.GET.get("weergave"))
    ctx = live_state.build(request, conference, relation, view)
    if "groot" in request.GET:  # a display preference (large print for the projector), kept per session
        request.session["ineen_ws_large"] = request.GET["groot"] == "1"
    ctx["large"] = request.session.get("ineen_ws_large", False)
    return render(request, PAGE, ctx)


@require_GET
@login_required
@policy.access_rule("get_conference without a read event; one is written when new content is shown")
@transaction.non_atomic_requests
def workspace_poll(request, public_id):
    """204 while nothing changed since the client's stamp (no read event: nothing is shown); the
    clock alone when only its minute moved; otherwise the regions of the client's view, read and
    audited in one transaction. The nothing-new answer runs without a transaction, so the many
    polls of a meeting never queue behind its writes (SQLite: no write lock per poll)."""
    if not request.htmx:  # opened directly, not by the page's poll: the page itself
        with transaction.atomic():
            return _page(request, public_id)
    access = _load(request, public_id, record=False)
    conference, relation = access.conference, access.relation
    now = timezone.now()
    seen = request.GET.get("v", "")
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


# --- contributions, top 3, incidents ----------------------------------------------------------------


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def workspace_contribution(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.CREATE)
    conference, relation = access.conference, access.relation
    idea = request.POST.get("kind") in BRAINSTORM_KINDS
    form = (
        f.IdeaForm(request.POST, auto_id="ws-idea-%s")
        if idea
        else f.ContributionForm(request.POST, auto_id="ws-contribution-%s")
    )
    return _act(
        request,
        conference,
        relation,
        region="idea-form" if idea else "contribution-form",
        key="idea" if idea else "contribution",
        form=form,
        message=_("Uw inbreng is toegevoegd."),
        run=lambda d: live.add_contribution(conference=conference, actor=access.actor, **d),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_priority(request, public_id, item_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    idea = Contribution.objects.filter(conference=conference, public_id=item_id, kind__in=BRAINSTORM_KINDS).first()
    if idea is None or not policy.may_see_item(request.user, idea):
        raise access.refuse(reason="unknown or unreadable idea", object_type="contribution", object_id=item_id)
    idea.conference = conference
    auto_id = f"ws-idea-{idea.pk}-%s"

    def conflict(c):
        current = c.current
        return {
            f"idea-{idea.pk}": _rebound(f.PriorityForm, request, version=current.version, auto_id=auto_id),
            f"idea-{idea.pk}-current": current,
        }

    return _act(
        request,
        conference,
        relation,
        region="ideas",
        key=f"idea-{idea.pk}",
        on_conflict=conflict,
        form=f.PriorityForm(request.POST, auto_id=auto_id),
        message=_("De prioriteit is opgeslagen."),
        run=lambda d: live.set_priority(contribution=idea, actor=access.actor, seen_version=d.pop("version"), **d),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_top(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    form = f.TopItemForm(request.POST, auto_id="ws-top-%s")
    return _act(
        request,
        conference,
        relation,
        region="top",
        key="top",
        message=_("De top 3 is bijgewerkt."),
        form=form,
        on_conflict=lambda c: {"top-current": c.current},
        run=lambda d: live.choose_top_item(
            conference=conference, actor=access.actor, rank=d["rank"], text=d["text"], seen=form.seen()
        ),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_top_pick(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    form = f.TopPickForm(request.POST)

    def run(d):
        item = Contribution.objects.filter(conference=conference, public_id=d["contribution"]).first()
        if item is None or not policy.may_see_item(request.user, item):
            raise ValidationError(_("Dit punt bestaat niet (meer)."))
        live.choose_top_item(
            conference=conference, actor=access.actor, rank=d["rank"], contribution=item, seen=form.seen()
        )

    return _act(
        request,
        conference,
        relation,
        region="top",
        form=form,
        key="pick",
        on_conflict=lambda c: {"top-current": c.current},
        run=run,
        message=_("De top 3 is bijgewerkt."),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_top_clear(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    form = f.TopClearForm(request.POST)
    return _act(
        request,
        conference,
        relation,
        region="top",
        form=form,
        key="clear",
        on_conflict=lambda c: {"top-current": c.current},
        message=_("De plaats in de top 3 is leeggemaakt."),
        run=lambda d: live.clear_top_item(conference=conference, actor=access.actor, rank=d["rank"], seen=form.seen()),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_incident(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation

    def run(d):
        incident = None
        if d["incident"]:
            from ineen.households.models import Incident

            # Only incidents this user may read through this case can be marked (policy.household_records,
            # policy.visible_items).
            incident = policy.visible_items(
                request.user,
                policy.household_records(conference.case, Incident.objects.filter(public_id=d["incident"])),
            ).first()
            if incident is None:
                raise ValidationError(_("Dit incident bestaat niet (meer)."))
        live.mark_incident(conference=conference, actor=access.actor, mark=d["mark"], incident=incident)

    return _act(
        request,
        conference,
        relation,
        region="incidents",
        form=f.IncidentMarkForm(request.POST),
        key="mark",
        run=run,
        message=_("De top 3 geweldsincidenten is bijgewerkt."),
    )


# --- phase decision ----------------------------------------------------------------------------


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_phase(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    from ineen.guide import rules

    allowed = rules.allowed_phase_decisions(conference.phase)

    def conflict(c):
        form = f.PhaseDecisionForm(request.POST.copy(), allowed=allowed, auto_id="ws-phase-%s")
        form.data["seen"] = live.decision_seen(c.current)
        form.is_valid()
        return {"phase": form}

    return _act(
        request,
        conference,
        relation,
        region="phase",
        key="phase",
        on_conflict=conflict,
        form=f.PhaseDecisionForm(request.POST, allowed=allowed, auto_id="ws-phase-%s"),
        message=_("Het fasebesluit is vastgelegd."),
        run=lambda d: live.decide_phase(conference=conference, actor=access.actor, **d),
    )


# --- the plan ------------------------------------------------------------------------------------


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def workspace_action(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.CREATE)
    conference, relation = access.conference, access.relation
    form = f.PlanActionForm(
        request.POST, team=live_state.team(conference), top=live_state.top_items(conference), auto_id="ws-action-%s"
    )
    return _act(
        request,
        conference,
        relation,
        region="action-form",
        key="action",
        form=form,
        message=_("De actie staat in het plan."),
        run=lambda d: live.add_plan_action(conference=conference, actor=access.actor, **d),
    )


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def workspace_bottom_line(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.CREATE)
    conference, relation = access.conference, access.relation
    form = f.BottomLineForm(request.POST, team=live_state.team(conference), auto_id="ws-bottomline-%s")
    return _act(
        request,
        conference,
        relation,
        region="bottom-line-form",
        key="bottom_line",
        form=form,
        message=_("De bodemeis is vastgelegd."),
        run=lambda d: live.add_bottom_line(conference=conference, actor=access.actor, **d),
    )


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def workspace_agreement(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.UPDATE)
    conference, relation = access.conference, access.relation

    def conflict(c):
        return {
            "agreement": _rebound(f.AgreementForm, request, version=c.current.version, auto_id="ws-agreement-%s"),
            "agreement-current": c.current,
        }

    return _act(
        request,
        conference,
        relation,
        region="agreement",
        key="agreement",
        on_conflict=conflict,
        form=f.AgreementForm(request.POST, auto_id="ws-agreement-%s"),
        message=_("De afspraken zijn opgeslagen."),
        run=lambda d: live.save_agreement(
            conference=conference, actor=access.actor, seen_version=d.pop("version"), **d
        ),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_next(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.CREATE)
    conference, relation = access.conference, access.relation
    return _act(
        request,
        conference,
        relation,
        region="next",
        key="next",
        message=_("Het volgende overleg is gepland."),
        form=f.NextMeetingForm(request.POST, auto_id="ws-next-%s"),
        run=lambda d: live.schedule_next(conference=conference, actor=access.actor, **d),
    )


# --- notes -----------------------------------------------------------------------------------------


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def workspace_note(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.CREATE)
    conference, relation = access.conference, access.relation
    view = live_state.view_for(conference, request.POST.get("weergave"))
    if view.notes_step is None:
        raise access.refuse(reason="no notes in this view", object_type="conference_note")
    _people, _clients, parts = live_state.participants(conference)
    form = f.NoteForm(request.POST, parts=parts or list(conference.parts.all()), auto_id="ws-newnote-%s")
    return _act(
        request,
        conference,
        relation,
        region="note-form",
        key="note",
        form=form,
        message=_("De aantekening is opgeslagen."),
        run=lambda d: live.add_note(conference=conference, actor=access.actor, step=view.notes_step, **d),
    )


@require_POST
@login_required
@policy.access_rule("get_conference + may_take_part + may_edit_note (the author or the chair)")
def workspace_note_edit(request, public_id, note_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    note = _own_note(request, access, note_id)
    auto_id = f"ws-note-{note.pk}-%s"

    def conflict(c):
        return {
            f"note-{note.pk}": _rebound(f.NoteEditForm, request, version=c.current.version, auto_id=auto_id),
            f"note-{note.pk}-current": c.current,
        }

    return _act(
        request,
        conference,
        relation,
        region="notes",
        key=f"note-{note.pk}",
        on_conflict=conflict,
        form=f.NoteEditForm(request.POST, auto_id=auto_id),
        message=_("De aantekening is bijgewerkt."),
        run=lambda d: live.update_note(note=note, actor=access.actor, seen_version=d["version"], text=d["text"]),
    )


def _own_note(request, access, note_id):
    """The note `note_id` of this conference, when this user may read it and change it (author or chair,
    policy.may_edit_note); an audited refusal otherwise."""
    note = ConferenceNote.objects.filter(conference=access.conference, public_id=note_id).first()
    if (
        note is None
        or not policy.may_see_item(request.user, note)
        or not policy.may_edit_note(request.user, note, access.relation)
    ):
        raise access.refuse(reason="unknown, unreadable or not the author", object_type="conference_note")
    note.conference = access.conference
    return note


def _own_contribution(request, access, item_id):
    """The contribution `item_id` of this conference, when this user may read it and correct it (author
    or chair, policy.may_edit_contribution); an audited refusal otherwise."""
    conference, relation = access.conference, access.relation
    item = Contribution.objects.filter(conference=conference, public_id=item_id).first()
    if (
        item is None
        or not policy.may_see_item(request.user, item)
        or not policy.may_edit_contribution(request.user, item, relation)
    ):
        raise access.refuse(reason="unknown, unreadable or not the author", object_type="contribution")
    item.conference = conference
    return item


def _contribution_region(item):
    return "ideas" if item.kind in BRAINSTORM_KINDS else "contributions"


@require_POST
@login_required
@policy.access_rule("get_conference + may_take_part + may_edit_contribution (the author or the chair)")
def workspace_contribution_edit(request, public_id, item_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    item = _own_contribution(request, access, item_id)
    auto_id = f"ws-item-{item.pk}-%s"

    def conflict(c):
        return {
            f"item-{item.pk}": _rebound(
                f.ContributionEditForm, request, version=c.current.version if c.current else 0, auto_id=auto_id
            ),
            f"item-{item.pk}-current": c.current or "withdrawn",
        }

    return _act(
        request,
        conference,
        relation,
        region=_contribution_region(item),
        key=f"item-{item.pk}",
        on_conflict=conflict,
        form=f.ContributionEditForm(request.POST, auto_id=auto_id),
        message=_("Uw inbreng is bijgewerkt."),
        run=lambda d: live.update_contribution(
            contribution=item, actor=access.actor, seen_version=d["version"], text=d["text"]
        ),
    )


@require_POST
@login_required
@policy.access_rule("get_conference + may_take_part + may_edit_contribution (the author or the chair)")
def workspace_contribution_withdraw(request, public_id, item_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.DELETE)
    conference, relation = access.conference, access.relation
    item = _own_contribution(request, access, item_id)
    return _act(
        request,
        conference,
        relation,
        region=_contribution_region(item),
        key=f"withdraw-{item.pk}",
        form=f.WithdrawForm(request.POST),
        message=_("De inbreng is ingetrokken."),
        run=lambda d: live.withdraw_contribution(contribution=item, actor=access.actor, seen_version=d["version"]),
    )


@require_POST
@login_required
@policy.access_rule("get_conference + may_take_part + may_edit_note (the author or the chair)")
def workspace_note_withdraw(request, public_id, note_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.DELETE)
    conference, relation = access.conference, access.relation
    note = _own_note(request, access, note_id)
    return _act(
        request,
        conference,
        relation,
        region="notes",
        key=f"withdraw-{note.pk}",
        form=f.WithdrawForm(request.POST),
        message=_("De aantekening is ingetrokken."),
        run=lambda d: live.withdraw_note(note=note, actor=access.actor, seen_version=d["version"]),
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
