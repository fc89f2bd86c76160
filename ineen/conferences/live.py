"""Domain actions of the live workspace (a case conference while it is held).

Every action here:
- runs in one transaction and writes its audit event(s) in it (ineen.audit.events.record);
- first bumps `Conference.live_revision` (F() + 1). That row lock also puts all writes of one meeting
  in one order, so two writers never deadlock, and every participant's poll sees the change;
- takes keyword-only arguments: `by` is the acting user, `request` (optional) the audit origin;
- raises ValidationError (Dutch messages keyed by field) when input is refused, and `Conflict` when a
  shared row changed since the user loaded it: the conditional UPDATE
  (`filter(pk=..., version=seen).update(..., version=F("version") + 1)`) matched nothing. Nothing is
  ever overwritten silently.
Who may call which action is decided by the views through ineen.access.policy, not here.

Per-author rows (scores, contributions) cannot conflict by construction. The household's current
phase is derived from the latest PhaseDecision (`current_phase`), not stored on the case.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.guide import rules
from ineen.guide.enums import Phase
from ineen.plans.models import BottomLine, CollaborationAgreement, PlanAction

from .enums import (
    BRAINSTORM_KINDS,
    LIVE_STEP_ORDER,
    ConferenceState,
    ContributionKind,
    LiveStep,
    PartKind,
    PhaseDecisionKind,
)
from .models import (
    Conference,
    ConferenceNote,
    ConferencePart,
    Contribution,
    IncidentMark,
    PhaseDecision,
    ScalingScore,
    SharedTopItem,
)

PURPOSE = "overleg"
# The individually collected points of each phase, from which the shared top 3 is chosen.
PHASE_CONTRIBUTION = {
    Phase.IMMEDIATE_SAFETY: ContributionKind.WORRY,
    Phase.STABLE_SAFETY: ContributionKind.RISK,
    Phase.RECOVERY: ContributionKind.RECOVERY_POINT,
}
BUDGET_STEPS = (LiveStep.PICTURE, LiveStep.JUDGEMENT, LiveStep.DECISION)
MAX_TEXT = 4000


class Conflict(ValidationError):
    """Someone else saved this row since the user loaded it. `current` is the row as it is now (or
    None when it was removed), so the user can compare it with their own text, which is kept."""

    def __init__(self, message, *, current=None):
        super().__init__(message)
        self.current = current


# --- helpers -----------------------------------------------------------------------------------


def subject(conference, object_type="conference", object_id=None) -> Subject:
    case = conference.case
    return Subject(
        object_type,
        str(object_id or conference.public_id),
        str(case.household.public_id),
        safety_house_code=case.safety_house.code,
    )


def _audit(*, actor, action, conference, object_type, object_id=None, detail=""):
    events.record(
        actor=actor,
        action=action,
        purpose=PURPOSE,
        detail=detail,
        subject=subject(conference, object_type, object_id),
    )


def _touch(conference, **fields):
    """Bump the live revision (and set `fields`) first in every action: see the module docstring."""
    Conference.objects.filter(pk=conference.pk).update(live_revision=F("live_revision") + 1, **fields)


def _open(conference):
    if conference.state in (ConferenceState.ENDED, ConferenceState.CANCELLED):
        raise ValidationError(_("Dit overleg is afgerond; hier kan niets meer bij."))


def _text(value, field, message, *, required=True, limit=MAX_TEXT):
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: message})
    if len(text) > limit:
        raise ValidationError({field: _("Maximaal %(n)s tekens.") % {"n": limit}})
    return text


def _organisation(by):
    if by.organisation_id is None:
        raise ValidationError(_("U hoort niet bij een organisatie; uw inbreng heeft dan geen bron."))
    return by.organisation


# --- reading: phase and clock ------------------------------------------------------------------


def current_phase(case) -> str:
    """The household's current phase: where the latest phase decision left it (the phase discussed
    when it closed the case), or directe veiligheid before any decision ("a case usually starts in
    immediate safety"). Derived, so it can never disagree with the recorded decisions."""
    last = PhaseDecision.objects.filter(conference__case=case).order_by("-decided_at", "-pk").first()
    if last is None:
        return Phase.IMMEDIATE_SAFETY
    return last.to_phase or last.from_phase


@dataclass(frozen=True)
class Clock:
    step: str
    budget: int | None  # minutes; None for the opening and after the meeting
    elapsed: int  # whole minutes in this step
    running: bool

    @property
    def remaining(self):
        return None if self.budget is None else max(self.budget - self.elapsed, 0)

    @property
    def over_by(self):
        return 0 if self.budget is None else max(self.elapsed - self.budget, 0)


def clock(conference, now=None) -> Clock:
    """Server-side time keeping per BOB step: the budget (Conference.step_budgets), whole minutes
    spent since the step started, and how far it runs over."""
    running = conference.state == ConferenceState.LIVE and conference.step_started_at is not None
    elapsed = 0
    if running:
        elapsed = max(int(((now or timezone.now()) - conference.step_started_at).total_seconds() // 60), 0)
    budget = None
    if conference.current_step in BUDGET_STEPS:
        budget = (conference.step_budgets or {}).get(conference.current_step)
    return Clock(step=conference.current_step, budget=budget, elapsed=elapsed, running=running)


def stamp(conference, now=None) -> str:
    """What a client has seen: the live revision and the clock's minute. The poll answers 204 while
    both are unchanged, the clock alone when only the minute moved, everything otherwise."""
    return f"{conference.live_revision}.{clock(conference, now).elapsed}"


# --- the meeting and its steps (chair) -----------------------------------------------------------


@transaction.atomic
def start(*, conference, actor):
    """Start the meeting: state live, the opening's clock starts. Side effects: audit event."""
    actor = acting(actor)
    if conference.state != ConferenceState.PLANNED:
        raise ValidationError(_("Dit overleg is al begonnen of afgerond."))
    now = timezone.now()
    done = Conference.objects.filter(pk=conference.pk, state=ConferenceState.PLANNED).update(
        state=ConferenceState.LIVE,
        current_step=LiveStep.OPENING,
        step_started_at=now,
        started_at=now,
        live_revision=F("live_revision") + 1,
    )
    if not done:
        raise Conflict(_("Het overleg is intussen al gestart."))
    _audit(actor=actor, action=Action.UPDATE, conference=conference, object_type="conference", detail="started")


@transaction.atomic
def move_step(*, conference, actor, from_step, to_step):
    """Move the meeting one BOB step forward or back. `from_step` is the step the chair saw: when the
    meeting moved on meanwhile (another tab, another chair) nothing happens and Conflict is raised.
    Moving to "afgerond" ends the meeting; back from there reopens it. Side effects: the new step's
    clock starts; audit event."""
    actor = acting(actor)
    order = [str(s) for s in LIVE_STEP_ORDER]
    if from_step not in order or to_step not in order or abs(order.index(to_step) - order.index(from_step)) != 1:
        raise ValidationError(_("Ga één stap verder of één stap terug."))
    if conference.state not in (ConferenceState.LIVE, ConferenceState.ENDED):
        raise ValidationError(_("Start eerst het overleg."))
    now = timezone.now()
    ended = to_step == LiveStep.CLOSED
    done = Conference.objects.filter(pk=conference.pk, current_step=from_step).update(
        current_step=to_step,
        step_started_at=now,
        live_revision=F("live_revision") + 1,
        state=ConferenceState.ENDED if ended else ConferenceState.LIVE,
        ended_at=now if ended else None,
    )
    if not done:
        raise Conflict(_("De stap is intussen al gewijzigd. Kijk waar het overleg nu is en probeer het opnieuw."))
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="conference",
        detail=f"step {from_step} -> {to_step}",
    )


@transaction.atomic
def set_budgets(*, conference, actor, budgets: dict):
    """Set the time budget (minutes) of beeldvorming, oordeelsvorming and besluitvorming."""
    actor = acting(actor)
    clean = {}
    for step in BUDGET_STEPS:
        value = budgets.get(str(step))
        if not isinstance(value, int) or not 1 <= value <= 240:
            raise ValidationError({str(step): _("Geef een aantal minuten van 1 tot en met 240.")})
        clean[str(step)] = value
    _touch(conference, step_budgets=clean)
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="conference",
        detail=f"budgets {clean}",
    )


# --- scaling question ----------------------------------------------------------------------------


@transaction.atomic
def submit_score(*, conference, actor, value, justification) -> ScalingScore:
    """Give (or change) one's own 1-10 score with justification on the phase's scaling question,
    until the chair reveals the scores. Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _open(conference)
    number, text = rules.validate_score(value, justification)
    _text(text, "justification", "", required=False)
    _touch(conference)
    if Conference.objects.filter(pk=conference.pk, scores_revealed=True).exists():
        raise ValidationError(_("De cijfers zijn al zichtbaar gemaakt; een cijfer geven kan nu niet meer."))
    score, created = ScalingScore.objects.update_or_create(
        conference=conference,
        scale=rules.scale_for_phase(conference.phase),
        author=by,
        defaults={"value": number, "justification": text, "submitted_at": timezone.now()},
    )
    _audit(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        conference=conference,
        object_type="scaling_score",
        object_id=score.public_id,
    )
    return score


@transaction.atomic
def reveal_scores(*, conference, actor):
    """Show everyone's scores together (chair). Idempotent. Side effects: audit event."""
    actor = acting(actor)
    _touch(conference, scores_revealed=True)
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="conference",
        detail="scores revealed",
    )


# --- contributions: worries / risks / recovery points and the brainstorm --------------------------


@transaction.atomic
def add_contribution(*, conference, actor, kind, text) -> Contribution:
    """Add one's own worry, risk, recovery point or brainstorm idea. Born as governed case content:
    the source is the author's organisation, visible to the team. Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _open(conference)
    if kind not in ContributionKind.values:
        raise ValidationError({"kind": _("Kies wat voor inbreng dit is.")})
    text = _text(text, "text", _("Schrijf uw inbreng op."))
    organisation = _organisation(by)
    _touch(conference)
    item = Contribution.objects.create(
        conference=conference, kind=kind, author=by, text=text, source_organisation=organisation
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="contribution",
        object_id=item.public_id,
        detail=kind,
    )
    return item


@transaction.atomic
def set_priority(
    *,
    contribution,
    actor,
    seen_version,
    is_priority,
    client_priority="",
    expert_view="",
    client_capacity="",
    horizon="",
) -> Contribution:
    """Funnel a brainstorm idea: priority or not, the client's priority, the experts' view, the
    client's capacity, short or long term. Conditional on the version the user saw (Conflict
    otherwise). Side effects: audit event."""
    actor = acting(actor)
    conference = contribution.conference
    _open(conference)
    if contribution.kind not in BRAINSTORM_KINDS:
        raise ValidationError(_("Alleen ideeën uit de brainstorm krijgen een prioriteit."))
    fields = {"is_priority": bool(is_priority), "horizon": horizon or ""}
    for name, value in (
        ("client_priority", client_priority),
        ("expert_view", expert_view),
        ("client_capacity", client_capacity),
    ):
        fields[name] = _text(value, name, "", required=False, limit=300)
    _touch(conference)
    _update_seen(
        Contribution,
        contribution.pk,
        seen_version,
        _(
            "Iemand anders heeft de prioriteit van dit idee intussen gewijzigd. Uw invoer staat "
            "hieronder nog; vergelijk met de huidige stand en sla opnieuw op."
        ),
        **fields,
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="contribution",
        object_id=contribution.public_id,
        detail="priority",
    )
    return Contribution.objects.get(pk=contribution.pk)


def _update_seen(model, pk, seen_version, message, **fields):
    """The conditional UPDATE of the module docstring: write `fields` and bump the version only while the
    row is still at the version the user saw; otherwise nothing is written and Conflict carries the
    current row (None when it is withdrawn)."""
    done = model.objects.filter(pk=pk, version=seen_version).update(**fields, version=F("version") + 1)
    if not done:
        raise Conflict(message, current=model.objects.filter(pk=pk).first())


@transaction.atomic
def update_contribution(*, contribution, actor, seen_version, text) -> Contribution:
    """Correct one's own worry, risk, recovery point or idea while the meeting is open (the view lets
    only the author or the chair). Conditional on the version the user saw: when it was changed or
    withdrawn meanwhile, Conflict carries the current row (None: withdrawn) and nothing is written.
    Side effects: audit event."""
    actor = acting(actor)
    conference = contribution.conference
    _open(conference)
    text = _text(text, "text", _("Schrijf uw inbreng op."))
    _touch(conference)
    _update_seen(
        Contribution,
        contribution.pk,
        seen_version,
        _(
            "Deze inbreng is intussen gewijzigd of ingetrokken. Uw tekst staat hieronder nog; "
            "vergelijk met de huidige tekst en sla opnieuw op."
        ),
        text=text,
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="contribution",
        object_id=contribution.public_id,
        detail="text",
    )
    return Contribution.objects.get(pk=contribution.pk)


@transaction.atomic
def withdraw_contribution(*, contribution, actor, seen_version):
    """Withdraw one's own contribution: gone from the shared view (and the report), the row kept with
    who withdrew it and when (soft delete). A place in the shared top 3 keeps its copied text.
    Conditional on the version the user saw. Side effects: audit event."""
    actor = acting(actor)
    conference = contribution.conference
    _open(conference)
    _touch(conference)
    _update_seen(
        Contribution,
        contribution.pk,
        seen_version,
        _("Deze inbreng is intussen gewijzigd of al ingetrokken. Bekijk de huidige tekst en kies opnieuw."),
        withdrawn_at=timezone.now(),
        withdrawn_by=actor.user,
    )
    _audit(
        actor=actor,
        action=Action.DELETE,
        conference=conference,
        object_type="contribution",
        object_id=contribution.public_id,
        detail="withdrawn",
    )


# --- shared top 3 and the incident top 3 (chair) --------------------------------------------------


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
) -> PlanAction:
    """Turn a decision into a plan action in one step: exactly one owner (a team membership: person +
    organisation), what, by when, why (a reason and/or the shared top-3 point it answers), type,
    towards professionals or the family, short or long term. A missing reason is nudged for in the
    workspace (plan_hints), never refused. Side effects: audit event."""
    actor = acting(actor)
    _open(conference)
    owner = _member(conference, owner)
    what = _text(what, "what", _("Wat gaat er gebeuren?"))
    if due_on is None or due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Kies een datum vanaf vandaag.")})
    if answers is not None and answers.conference_id != conference.pk:
        raise ValidationError({"answers": _("Kies een punt uit de top 3 van dit overleg.")})
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
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="plan_action",
        object_id=action.public_id,
        detail=f"{action_type} {towards} {horizon}",
    )
    return action


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
def add_bottom_line(*, conference, actor, text, guardian, on_breach, how_we_know="") -> BottomLine:
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
def schedule_next(*, conference, actor, starts_at, goal, kind="", phase="") -> Conference:
    """Plan the next meeting for the same case right in the workspace: a planned conference (one
    whole part, same guide version, `by` chairs) linked from this meeting's agreement. Invitations
    and the rest are made on the scheduling page. Side effects: audit event."""
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
    ConferencePart.objects.create(conference=following, kind=PartKind.WHOLE, order=1)
    agreement = _agreement(conference)
    # Not a text edit: linking the meeting does not bump the version, so nobody's typing conflicts.
    CollaborationAgreement.objects.filter(pk=agreement.pk).update(next_conference=following)
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="conference",
        object_id=following.public_id,
        detail="next meeting",
    )
    return following


# --- notes per part and step ---------------------------------------------------------------------


@transaction.atomic
def add_note(*, conference, actor, part, step, text) -> ConferenceNote:
    """A note for one part and step of the meeting; governed content whose source is the author's
    organisation. Notes of a closed part are never shown to clients. Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _open(conference)
    if part is None or part.conference_id != conference.pk:
        raise ValidationError({"part": _("Kies het deel van het overleg.")})
    text = _text(text, "text", _("Schrijf de aantekening op."))
    organisation = _organisation(by)
    _touch(conference)
    note = ConferenceNote.objects.create(
        conference=conference, part=part, step=step, author=by, text=text, source_organisation=organisation
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="conference_note",
        object_id=note.public_id,
        detail=f"{part.kind} {step}",
    )
    return note


@transaction.atomic
def update_note(*, note, actor, seen_version, text) -> ConferenceNote:
    """Change a note's text, conditional on the version the user saw: when someone else saved it in
    between, Conflict carries the current note and nothing is written. Side effects: audit event."""
    actor = acting(actor)
    conference = note.conference
    _open(conference)
    text = _text(text, "text", _("Schrijf de aantekening op."))
    _touch(conference)
    _update_seen(
        ConferenceNote,
        note.pk,
        seen_version,
        _(
            "Iemand anders heeft deze aantekening intussen gewijzigd. Uw tekst staat hieronder nog; "
            "vergelijk met de huidige tekst en sla opnieuw op."
        ),
        text=text,
        updated_at=timezone.now(),
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="conference_note",
        object_id=note.public_id,
    )
    return ConferenceNote.objects.get(pk=note.pk)


@transaction.atomic
def withdraw_note(*, note, actor, seen_version):
    """Withdraw a note (its author or the chair): gone from the shared view and the report, the row
    kept with who withdrew it and when. Conditional on the version the user saw. Side effects: audit."""
    actor = acting(actor)
    conference = note.conference
    _open(conference)
    _touch(conference)
    _update_seen(
        ConferenceNote,
        note.pk,
        seen_version,
        _("Deze aantekening is intussen gewijzigd of al ingetrokken. Bekijk de huidige tekst en kies opnieuw."),
        withdrawn_at=timezone.now(),
        withdrawn_by=actor.user,
    )
    _audit(
        actor=actor,
        action=Action.DELETE,
        conference=conference,
        object_type="conference_note",
        object_id=note.public_id,
        detail="withdrawn",
    )
