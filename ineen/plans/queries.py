"""Reading the plan of a case for the plan page: actions (open first, overdue and carried-over
warnings), bottom lines, the latest collaboration agreement, the conferences with their reports, and
the nudges. A fixed number of queries, whatever the size of the plan (QUALITY.md: <= 15 per page)."""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Max
from django.utils import timezone

from ineen.conferences.enums import ConferenceState
from ineen.conferences.models import Conference

from .actions import carry_over_depth
from .enums import ActionStatus, BottomLineStatus, Towards
from .models import BottomLine, PlanAction

# From this many carry-overs on, the plan page warns: the same action keeps coming back.
CARRY_OVER_WARNING = 2


@dataclass
class Nudges:
    """Nudges, not blocks: open actions without a reason, no open action towards the family, overdue."""

    without_reason: list = field(default_factory=list)
    no_family_action: bool = False
    overdue: list = field(default_factory=list)
    repeated: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.without_reason or self.no_family_action or self.overdue or self.repeated)


def actions(case, today=None):
    """All actions of the case, open ones first (by due date), then the rest (latest first). Each gets
    `overdue` (open and past its date), `depth` (how often carried over), `repeated` (depth >= 2) and
    `needs_reason` (no reason and no top-3 point it answers). One query."""
    today = today or timezone.localdate()
    rows = list(
        PlanAction.objects.filter(case=case).select_related("owner", "owner_organisation", "answers", "conference")
    )
    by_pk = {row.pk: row for row in rows}
    for row in rows:
        row.is_open = row.status == ActionStatus.OPEN
        row.overdue = row.is_open and row.due_on < today
        row.depth = carry_over_depth(row, by_pk)
        row.repeated = row.is_open and row.depth >= CARRY_OVER_WARNING
        row.needs_reason = not row.reason.strip() and row.answers_id is None
    open_rows = sorted((r for r in rows if r.is_open), key=lambda r: (r.due_on, r.pk))
    closed_rows = sorted((r for r in rows if not r.is_open), key=lambda r: (r.due_on, r.pk), reverse=True)
    return open_rows, closed_rows


def nudges(open_actions) -> Nudges:
    return Nudges(
        without_reason=[a for a in open_actions if a.needs_reason],
        no_family_action=not any(a.towards == Towards.FAMILY for a in open_actions),
        overdue=[a for a in open_actions if a.overdue],
        repeated=[a for a in open_actions if a.repeated],
    )


def bottom_lines(case):
    """Bottom lines in force first, then breached, then ended; each with `breach_count` and
    `last_breach_on` (its breaches are rows in ineen/escalations). One query."""
    order = {BottomLineStatus.BREACHED: 0, BottomLineStatus.ACTIVE: 1, BottomLineStatus.ENDED: 2}
    rows = list(
        BottomLine.objects.filter(case=case)
        .select_related("guardian", "guardian_organisation", "conference")
        .annotate(breach_count=Count("breaches"), last_breach_on=Max("breaches__occurred_on"))
    )
    return sorted(rows, key=lambda line: (order.get(line.status, 3), line.pk))


def conferences(case):
    """The case's conferences, newest first, each with its collaboration agreement (and next meeting)
    loaded along. One query."""
    rows = list(
        Conference.objects.filter(case=case)
        .exclude(state=ConferenceState.CANCELLED)
        .select_related("agreement__next_conference")
        .order_by("-starts_at")
    )
    for row in rows:
        row.has_report = row.state in (ConferenceState.LIVE, ConferenceState.ENDED)
    return rows


def latest_agreement(conference_rows):
    """(conference, agreement): the agreements about collaboration of the latest conference that made
    any, or (None, None). No query: the agreements came along with `conferences`."""
    for conference in conference_rows:
        try:
            return conference, conference.agreement
        except ObjectDoesNotExist:
            continue
    return None, None


def summary(open_rows, closed_rows) -> dict:
    """The plan's state at a glance (on track / overdue / done / carried over / dropped) and the balance
    of actions towards the family vs between professionals (carried-over rows are not counted twice:
    their successor counts). No query."""
    rows = open_rows + closed_rows
    counted = [r for r in rows if r.status != ActionStatus.CARRIED_OVER]
    return {
        "on_track": sum(1 for r in open_rows if not r.overdue),
        "overdue": sum(1 for r in open_rows if r.overdue),
        "done": sum(1 for r in closed_rows if r.status == ActionStatus.DONE),
        "carried_over": sum(1 for r in rows if r.depth),
        "cancelled": sum(1 for r in closed_rows if r.status == ActionStatus.CANCELLED),
        "family": sum(1 for r in counted if r.towards == Towards.FAMILY),
        "professionals": sum(1 for r in counted if r.towards == Towards.PROFESSIONALS),
    }


def progress_by_action(case) -> dict:
    """Progress notes of all the case's actions, oldest first, by action id. One query."""
    from .models import ActionProgress

    notes: dict = {}
    for note in ActionProgress.objects.filter(action__case=case).select_related("author"):
        notes.setdefault(note.action_id, []).append(note)
    return notes


def plan_changes(case, today=None):
    """(open, history): the case's plan changes with their answers. Each gets `pending_partner_ids`,
    `agreed`, `objections`, `rows` (before/after) and `to_conference` (objected, outdated, or no answer
    by `respond_by`: the next conference decides). Two queries."""
    from django.db.models import Prefetch

    from .changes import change_rows
    from .enums import Answer, ChangeState
    from .models import PlanChange, PlanChangeResponse

    today = today or timezone.localdate()
    rows = list(
        PlanChange.objects.filter(case=case)
        .select_related("proposed_by")
        .prefetch_related(Prefetch("responses", queryset=PlanChangeResponse.objects.select_related("partner")))
    )
    for change in rows:
        answers = list(change.responses.all())
        change.case = case
        change.pending = [r for r in answers if not r.answer]
        change.pending_partner_ids = {r.partner_id for r in change.pending}
        change.agreed = [r for r in answers if r.answer == Answer.AGREE]
        change.objections = [r for r in answers if r.answer == Answer.OBJECT]
        change.rows = change_rows(change)
        change.overdue = change.state == ChangeState.OPEN and change.respond_by < today
        change.to_conference = change.overdue or change.state in (ChangeState.OBJECTED, ChangeState.OUTDATED)
    open_rows = [c for c in rows if c.state != ChangeState.APPLIED]
    history = [c for c in rows if c.state == ChangeState.APPLIED]
    return open_rows, history


def reviews(case, today=None) -> dict:
    """The plan-review cadence, the reviews held (newest first) and when the next one is due. One query:
    the case row joined with its cadence and its reviews (one row per review, or one without)."""
    from ineen.cases.models import Case

    from .progress import next_review_due, review_weeks_default

    today = today or timezone.localdate()
    rows = list(
        Case.objects.filter(pk=case.pk)
        .values(
            "plan_review_cadence__weeks",
            "plan_reviews__held_on",
            "plan_reviews__with_whom",
            "plan_reviews__outcome",
        )
        .order_by("-plan_reviews__held_on", "-plan_reviews__pk")
    )
    weeks = (rows[0]["plan_review_cadence__weeks"] if rows else None) or review_weeks_default()
    held = [
        {
            "held_on": r["plan_reviews__held_on"],
            "with_whom": r["plan_reviews__with_whom"],
            "outcome": r["plan_reviews__outcome"],
        }
        for r in rows
        if r["plan_reviews__held_on"] is not None
    ]
    due = next_review_due(
        case_started=timezone.localtime(case.opened_at).date(),
        last_review=held[0]["held_on"] if held else None,
        weeks=weeks,
    )
    return {"weeks": weeks, "held": held, "next_due": due, "is_due": due <= today}
