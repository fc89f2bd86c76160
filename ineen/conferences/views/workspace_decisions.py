"""Live workspace views for what the meeting decides: the shared top 3, incidents, the phase decision
and the plan (see views/workspace.py)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ineen.access import policy
from ineen.audit.models import Action

from .. import live, live_state
from .. import live_forms as f
from ..models import Contribution
from .workspace_common import (
    CHAIR,
    TAKE_PART,
    _act,
    _load,
    _rebound,
)

# --- top 3, incidents ------------------------------------------------------------


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
    # Only the chair may make an action of a prioritised idea: for anyone else no idea is a valid choice.
    may_chair = policy.may_chair_conference(request.user, conference, relation)
    form = f.PlanActionForm(
        request.POST,
        team=live_state.team(conference),
        top=live_state.top_items(conference),
        ideas=live_state.offered_ideas(request.user, conference, may_chair) if request.POST.get("idea") else (),
        auto_id="ws-action-%s",
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
    case = conference.case
    members = policy.household_records(case, case.household.members.all())
    form = f.NextMeetingForm(request.POST, members=members, auto_id="ws-next-%s")
    return _act(
        request,
        conference,
        relation,
        region="next",
        key="next",
        message=_("Het volgende overleg is gepland."),
        form=form,
        run=lambda d: live.schedule_next(
            conference=conference,
            actor=access.actor,
            starts_at=d["starts_at"],
            kind=d["kind"],
            goal=d["goal"],
            not_invited=form.not_invited(),
        ),
    )
