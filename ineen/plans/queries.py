"""Reading the plan of a case for the plan page: actions (open first, overdue and carried-over
warnings), bottom lines, the latest collaboration agreement, the conferences with their reports, and
the nudges. A fixed number of queries, whatever the size of the plan (QUALITY.md: <= 15 per page)."""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
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
    """Bottom lines in force first, then breached, then ended. One query."""
    order = {BottomLineStatus.BREACHED: 0, BottomLineStatus.ACTIVE: 1, BottomLineStatus.ENDED: 2}
    rows = list(BottomLine.objects.filter(case=case).select_related("guardian", "guardian_organisation", "conference"))
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
