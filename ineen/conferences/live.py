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
from ineen.audit.models import Action
from ineen.guide import rules
from ineen.guide.enums import Phase

from . import clients, live_cache
from .enums import (
    LIVE_STEP_ORDER,
    ConferenceState,
    LiveStep,
)
from .live_common import (  # noqa: F401 (re-exported)
    BUDGET_STEPS,
    MAX_TEXT,
    PHASE_CONTRIBUTION,
    PURPOSE,
    Conflict,
    _audit,
    _open,
    _organisation,
    _text,
    _touch,
    _update_seen,
    subject,
)
from .models import (
    Conference,
    PhaseDecision,
    ScalingScore,
)

# --- reading: phase and clock ------------------------------------------------------------


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
    return stamp_of(live_cache.entry_of(conference), now)


def stamp_of(entry: live_cache.Entry, now=None) -> str:
    """The same stamp from the shared cache's entry (revision, running since), without the conference."""
    revision, running_since = entry
    elapsed = 0
    if running_since is not None:
        elapsed = max(int(((now or timezone.now()) - running_since).total_seconds() // 60), 0)
    return f"{revision}.{elapsed}"


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
    live_cache.changed(conference)
    _audit(actor=actor, action=Action.UPDATE, conference=conference, object_type="conference", detail="started")


@transaction.atomic
def move_step(*, conference, actor, from_step, to_step, confirm_without_attendance=False):
    """Move the meeting one BOB step forward or back. `from_step` is the step the chair saw: when the
    meeting moved on meanwhile (another tab, another chair) nothing happens and Conflict is raised.
    Moving to "afgerond" ends the meeting; back from there reopens it. Ending while a household
    member's attendance is not recorded is refused unless `confirm_without_attendance` (never a silent
    skip). Side effects: the new step's clock starts; on ending, a debrief or feedback task per invited
    household member (clients.create_follow_ups); audit event."""
    actor = acting(actor)
    order = [str(s) for s in LIVE_STEP_ORDER]
    if from_step not in order or to_step not in order or abs(order.index(to_step) - order.index(from_step)) != 1:
        raise ValidationError(_("Ga één stap verder of één stap terug."))
    if conference.state not in (ConferenceState.LIVE, ConferenceState.ENDED):
        raise ValidationError(_("Start eerst het overleg."))
    now = timezone.now()
    ended = to_step == LiveStep.CLOSED
    if ended and not confirm_without_attendance:
        missing = clients.attendance_missing(conference)
        if missing:
            raise ValidationError(clients.ATTENDANCE_MISSING % {"names": ", ".join(str(p) for p in missing)})
    done = Conference.objects.filter(pk=conference.pk, current_step=from_step).update(
        current_step=to_step,
        step_started_at=now,
        live_revision=F("live_revision") + 1,
        state=ConferenceState.ENDED if ended else ConferenceState.LIVE,
        ended_at=now if ended else None,
    )
    if not done:
        raise Conflict(_("De stap is intussen al gewijzigd. Kijk waar het overleg nu is en probeer het opnieuw."))
    live_cache.changed(conference)
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="conference",
        detail=f"step {from_step} -> {to_step}"
        + (", confirmed without attendance" if confirm_without_attendance else ""),
    )
    if ended:
        clients.create_follow_ups(conference=conference, actor=actor)


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


# The actions live in three modules by meaning; callers keep using `live.<action>`.
from .live_decisions import (  # noqa: E402, F401
    add_bottom_line,
    add_plan_action,
    choose_top_item,
    clear_top_item,
    decide_phase,
    decision_seen,
    mark_incident,
    missing_wordings,
    plan_hints,
    save_agreement,
    schedule_next,
    top_seen,
)
from .live_items import (  # noqa: E402, F401
    add_contribution,
    add_note,
    set_priority,
    update_contribution,
    update_note,
    withdraw_contribution,
    withdraw_note,
)
