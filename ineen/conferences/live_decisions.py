"""Domain actions of the live workspace: what the meeting decides (shared top 3, incident marks, the phase
decision, plan actions, bottom lines, the agreement, the next meeting). Rules: conferences/live.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit.models import Action
from ineen.guide import rules
from ineen.guide.enums import Phase
from ineen.plans.models import BottomLine, CollaborationAgreement, PlanAction

from . import clients
from .enums import (
    BRAINSTORM_KINDS,
    PartKind,
    PhaseDecisionKind,
)
from .live_common import (
    Conflict,
    _audit,
    _open,
    _text,
    _touch,
)
from .models import (
    Conference,
    ConferencePart,
    Contribution,
    IncidentMark,
    PhaseDecision,
    SharedTopItem,
)


@transaction.atomic
def top_seen(item) -> str:
    """What a top-3 form carries for one place: the text the chair saw there ("" when empty), so an
    edit made meanwhile (another tab, a co-chair) is never silently replaced."""
    return item.text if item is not None else ""


def _check_top_seen(conference, kind, rank, seen):
    if seen is None:  # a caller without a form (a test, a command): no check
        return
    current = SharedTopItem.objects.filter(conference=conference, kind=kind, rank=rank).first()
    if top_seen(current) != seen:
        raise Conflict(
            _(
                "Plaats %(rank)s van de top 3 is intussen gewijzigd. Uw invoer staat hieronder nog; "
                "vergelijk met de huidige stand en kies opnieuw."
            )
            % {"rank": rank},
            current=current,
        )


@transaction.atomic
def choose_top_item(*, conference, actor, rank, text="", contribution=None, seen=None) -> SharedTopItem:
    """Put a point on place `rank` (1-3) of the phase's shared top 3: an individual contribution or a
    typed text. Checked with guide.rules.validate_top3 (no point twice). `seen`: the text the chair
    saw on that place (top_seen); Conflict when it changed meanwhile. Side effects: audit event."""
    actor = acting(actor)
    _open(conference)
    kind = rules.top3_for_phase(conference.phase)
    if contribution is not None:
        if contribution.conference_id != conference.pk:
            raise ValidationError(_("Dit punt hoort niet bij dit overleg."))
        text = contribution.text
    text = (text or "").strip()[:500]
    _touch(conference)
    _check_top_seen(conference, kind, rank, seen)
    others = SharedTopItem.objects.filter(conference=conference, kind=kind).exclude(rank=rank)
    rules.validate_top3([(item.rank, item.text) for item in others] + [(rank, text)])
    item, _created = SharedTopItem.objects.update_or_create(
        conference=conference, kind=kind, rank=rank, defaults={"text": text, "contribution": contribution}
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="shared_top_item",
        object_id=item.pk,
        detail=f"{kind} {rank}",
    )
    return item


@transaction.atomic
def clear_top_item(*, conference, actor, rank, seen=None):
    """Empty place `rank` of the phase's shared top 3; `seen` as in choose_top_item.
    Side effects: audit event."""
    actor = acting(actor)
    _open(conference)
    kind = rules.top3_for_phase(conference.phase)
    _touch(conference)
    _check_top_seen(conference, kind, rank, seen)
    SharedTopItem.objects.filter(conference=conference, kind=kind, rank=rank).delete()
    _audit(
        actor=actor,
        action=Action.DELETE,
        conference=conference,
        object_type="shared_top_item",
        detail=f"rank {rank}",
    )


@transaction.atomic
def mark_incident(*, conference, actor, mark, incident=None):
    """Mark the household's first, worst or latest incident (directe veiligheid's top 3); no
    incident clears the mark. The view passes only incidents the user may see. Side effects: audit."""
    actor = acting(actor)
    _open(conference)
    if conference.phase != Phase.IMMEDIATE_SAFETY:
        raise ValidationError(_("De top 3 geweldsincidenten hoort bij de fase directe veiligheid."))
    if incident is not None and incident.household_id != conference.case.household_id:
        raise ValidationError(_("Dit incident hoort niet bij dit huishouden."))
    _touch(conference)
    if incident is None:
        IncidentMark.objects.filter(conference=conference, mark=mark).delete()
    else:
        IncidentMark.objects.update_or_create(conference=conference, mark=mark, defaults={"incident": incident})
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="incident_mark",
        object_id=incident.public_id if incident else "",
        detail=mark,
    )


# --- phase decision (chair) ----------------------------------------------------------------------


def decision_seen(decision) -> str:
    """What a phase-decision form carries, so a second decision cannot silently replace the first."""
    return decision.decided_at.isoformat() if decision else ""


@transaction.atomic
def decide_phase(*, conference, actor, decision, reason, to_phase="", closure_plan="", seen="") -> PhaseDecision:
    """Record the phase decision (stay / forward / back / close with closure plan) with its reason,
    checked by guide.rules.validate_phase_decision. The household's phase follows from it
    (current_phase). Closing keeps the closure plan in the collaboration agreement. `seen`: the
    decision the chair saw (decision_seen), Conflict when it was changed meanwhile.
    Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _open(conference)
    result = rules.validate_phase_decision(conference.phase, decision, to_phase, reason, closure_plan)
    _touch(conference)
    existing = PhaseDecision.objects.filter(conference=conference).first()
    if decision_seen(existing) != (seen or ""):
        raise Conflict(
            _("Er is intussen al een ander fasebesluit vastgelegd. Bekijk het en beslis opnieuw."), current=existing
        )
    values = {
        "from_phase": conference.phase,
        "decision": decision,
        "to_phase": result or "",
        "reason": reason.strip(),
        "decided_by": by,
        "decided_at": timezone.now(),
    }
    record, _created = PhaseDecision.objects.update_or_create(conference=conference, defaults=values)
    if decision == PhaseDecisionKind.CLOSE:
        CollaborationAgreement.objects.filter(pk=_agreement(conference).pk).update(
            closure_plan=closure_plan.strip(), version=F("version") + 1
        )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="phase_decision",
        object_id=record.pk,
        detail=f"{decision} {conference.phase} -> {result or '-'}",
    )
    return record


# --- the plan: actions, bottom lines, agreements, next meeting ------------------------------------


def _member(conference, membership):
    if (
        membership is None
        or membership.case_id != conference.case_id
        or not membership.is_active_on(timezone.localdate())
    ):
        raise ValidationError({"owner": _("Kies iemand uit het casusteam.")})
    return membership


@transaction.atomic
def add_plan_action(
    *,
    conference,
    actor,
    owner,
    what,
    due_on,
    reason="",
    answers=None,
    action_type="action",
    towards="family",
    horizon="short",
    idea=None,
    client_wording="",
) -> PlanAction:
    """Turn a decision into a plan action in one step: exactly one owner (a team membership: person +
    organisation), what, by when, why (a reason and/or the shared top-3 point it answers), type,
    towards professionals or the family, short or long term. A missing reason is nudged for in the
    workspace (plan_hints), never refused. `idea`: the prioritised brainstorm idea the action is made of;
    it is linked to the action (and no longer offered) only while no one else made an action of it
    meanwhile (Conflict otherwise; the action is then not saved either). Side effects: audit event(s)."""
    actor = acting(actor)
    _open(conference)
    owner = _member(conference, owner)
    what = _text(what, "what", _("Wat gaat er gebeuren?"))
    if due_on is None or due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Kies een datum vanaf vandaag.")})
    if answers is not None and answers.conference_id != conference.pk:
        raise ValidationError({"answers": _("Kies een punt uit de top 3 van dit overleg.")})
    if idea is not None and (
        idea.conference_id != conference.pk or idea.kind not in BRAINSTORM_KINDS or not idea.is_priority
    ):
        raise ValidationError(_("Alleen van een geprioriteerd idee uit deze brainstorm kan hier een actie komen."))
    _touch(conference)
    action = PlanAction.objects.create(
        case=conference.case,
        conference=conference,
        what=what,
        owner=owner.user,
        owner_organisation=owner.organisation,
        due_on=due_on,
        reason=_text(reason, "reason", "", required=False),
        answers=answers,
        action_type=action_type,
        towards=towards,
        horizon=horizon,
        client_wording=_text(client_wording, "client_wording", "", required=False),
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="plan_action",
        object_id=action.public_id,
        detail=f"{action_type} {towards} {horizon}",
    )
    if idea is not None:
        _link_idea(actor=actor, conference=conference, idea=idea, action=action)
    return action


def _link_idea(*, actor, conference, idea, action):
    """Conditional like every shared write: only an idea still without an action (and still a priority)
    is linked; otherwise someone else was first and the whole action is rolled back by the Conflict."""
    linked = Contribution.objects.filter(pk=idea.pk, plan_action__isnull=True, is_priority=True).update(
        plan_action=action, version=F("version") + 1
    )
    if not linked:
        raise Conflict(
            _(
                "Van dit idee is intussen al een actie gemaakt, of het is geen prioriteit meer. Uw actie is niet "
                "opgeslagen; uw invoer staat er nog."
            ),
            current=Contribution.objects.filter(pk=idea.pk).first(),
        )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="contribution",
        object_id=idea.public_id,
        detail=f"plan action {action.public_id}",
    )


def missing_wordings(actions, bottom_lines) -> list:
    """The workspace's prompt: actions towards the family (not cancelled) and bottom lines (not ended)
    without words for the family yet. No query: both lists are already on the page."""
    return [
        a for a in actions if a.towards == "family" and a.status != "cancelled" and not a.client_wording.strip()
    ] + [line for line in bottom_lines if line.status != "ended" and not line.client_wording.strip()]


def plan_hints(actions) -> list[str]:
    """Nudges, not blocks: actions without a reason, and no action towards the family."""
    actions = list(actions)
    hints = []
    missing = [a for a in actions if not a.reason.strip() and a.answers_id is None]
    if missing:
        hints.append(
            _("%(n)s actie(s) zonder reden: welke zorg of welk risico beantwoordt de actie?") % {"n": len(missing)}
        )
    if actions and not any(a.towards == "family" for a in actions):
        hints.append(_("Er is nog geen actie richting het gezin. Wat merkt het gezin van dit plan?"))
    return hints


@transaction.atomic
def add_bottom_line(*, conference, actor, text, guardian, on_breach, how_we_know="", client_wording="") -> BottomLine:
    """Record a bottom line (bodemeis) with who guards it (team membership), how we know it is met,
    and what happens when it is not. Side effects: audit event."""
    actor = acting(actor)
    _open(conference)
    try:
        guardian = _member(conference, guardian)
    except ValidationError:
        raise ValidationError({"guardian": _("Kies wie de bodemeis bewaakt, uit het casusteam.")}) from None
    text = _text(text, "text", _("Wat moet er minimaal gerealiseerd worden?"))
    on_breach = _text(on_breach, "on_breach", _("Wat gebeurt er als de bodemeis niet wordt nagekomen?"))
    _touch(conference)
    line = BottomLine.objects.create(
        case=conference.case,
        conference=conference,
        text=text,
        guardian=guardian.user,
        guardian_organisation=guardian.organisation,
        how_we_know=_text(how_we_know, "how_we_know", "", required=False),
        on_breach=on_breach,
        client_wording=_text(client_wording, "client_wording", "", required=False),
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="bottom_line",
        object_id=line.public_id,
    )
    return line


def _agreement(conference):
    """The meeting's agreement row; made on first use with version 0 ("no text saved yet"), so that
    linking the next meeting does not make anyone's first save conflict."""
    agreement, _created = CollaborationAgreement.objects.get_or_create(conference=conference, defaults={"version": 0})
    return agreement


@transaction.atomic
def save_agreement(
    *, conference, actor, seen_version, timeline="", keep_informed="", closure_plan=""
) -> CollaborationAgreement:
    """Save the agreements about collaboration (timeline, how we keep each other informed, closure
    plan). `seen_version` is the version the user edited (0: no text saved yet); when someone else
    saved in between, Conflict carries the current agreement and nothing is written.
    Side effects: audit event."""
    actor = acting(actor)
    _open(conference)
    values = {
        "timeline": _text(timeline, "timeline", "", required=False),
        "keep_informed": _text(keep_informed, "keep_informed", "", required=False),
        "closure_plan": _text(closure_plan, "closure_plan", "", required=False),
    }
    message = _(
        "Iemand anders heeft de afspraken intussen opgeslagen. Uw tekst staat hieronder nog; "
        "vergelijk met de huidige tekst en sla opnieuw op."
    )
    _touch(conference)
    agreement = _agreement(conference)
    done = CollaborationAgreement.objects.filter(pk=agreement.pk, version=seen_version or 0).update(
        **values, version=F("version") + 1
    )
    agreement.refresh_from_db()
    if not done:
        raise Conflict(message, current=agreement)
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="agreement",
        object_id=agreement.pk,
    )
    return agreement


@transaction.atomic
def schedule_next(*, conference, actor, starts_at, goal, kind="", phase="", not_invited=None) -> Conference:
    """Plan the next meeting for the same case right in the workspace: a planned conference (one
    whole part, same guide version, `by` chairs) linked from this meeting's agreement. "Always
    invited, unless" applies as on the scheduling page (clients.invite_household): every household
    member is invited unless `not_invited` ({person: weighty reason}) says why not. Professionals are
    invited on the scheduling page. Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _open(conference)
    if starts_at is None or starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Kies een moment in de toekomst.")})
    goal = _text(goal, "goal", _("Wat is het doel van het volgende overleg?"))
    _touch(conference)
    decided = PhaseDecision.objects.filter(conference=conference).first()
    following = Conference.objects.create(
        case=conference.case,
        kind=kind or conference.kind,
        phase=phase or (decided.to_phase if decided and decided.to_phase else conference.phase),
        goal=goal,
        starts_at=starts_at,
        duration_minutes=conference.duration_minutes,
        location=conference.location,
        guide_version=conference.guide_version,
        chair=by,
    )
    part = ConferencePart.objects.create(conference=following, kind=PartKind.WHOLE, order=1)
    members, invited, not_invited = clients.invite_household(
        conference=following, client_part=part, actor=actor, not_invited=not_invited
    )
    agreement = _agreement(conference)
    # Not a text edit: linking the meeting does not bump the version, so nobody's typing conflicts.
    CollaborationAgreement.objects.filter(pk=agreement.pk).update(next_conference=following)
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="conference",
        object_id=following.public_id,
        detail=f"next meeting, {len(invited)} clients invited, {len(not_invited)} not invited",
    )
    return following
