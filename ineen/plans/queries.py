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


# Page sizes of the plan page (issue 12): the page costs the same for a plan of 10 and of 400 actions.
OPEN_PAGE_SIZE = 25
CLOSED_PAGE_SIZE = 25
NOTES_SHOWN = 3  # progress notes per action on the plan page; the action's own page shows them all
NUDGE_LINKS = 10  # links per nudge; the rest is counted


@dataclass
class Outline:
    """One light row per action of the case (no model instance, a truncated `what`): enough for the
    summary, the nudges and the carry-over depth of every action, whatever the size of the plan."""

    pk: int
    public_id: object
    carried_over_from_id: int | None
    status: str
    due_on: object
    towards: str
    what: str
    needs_reason: bool
    is_open: bool = False
    overdue: bool = False
    depth: int = 0
    repeated: bool = False
    open_page: int = 1  # the page of the plan page's open actions it is on


def outline(case, today=None) -> list[Outline]:
    """Every action of the case as an `Outline` with `overdue`, `depth` and `repeated`. One query of a
    few narrow columns (the what cut to 60 characters in the database)."""
    from django.db.models import Q
    from django.db.models.functions import Substr

    today = today or timezone.localdate()
    rows = [
        Outline(*values)
        for values in PlanAction.objects.filter(case=case)
        .annotate(
            what_short=Substr("what", 1, 60),
            no_reason=Q(reason="") & Q(answers__isnull=True),
        )
        .values_list(
            "pk", "public_id", "carried_over_from_id", "status", "due_on", "towards", "what_short", "no_reason"
        )
        .order_by("due_on", "pk")
    ]
    by_pk = {row.pk: row for row in rows}
    for row in rows:
        row.is_open = row.status == ActionStatus.OPEN
        row.overdue = row.is_open and row.due_on < today
        row.depth = carry_over_depth(row, by_pk)
        row.repeated = row.is_open and row.depth >= CARRY_OVER_WARNING
        row.needs_reason = row.is_open and bool(row.needs_reason)
    for index, row in enumerate(row for row in rows if row.is_open):
        row.open_page = index // OPEN_PAGE_SIZE + 1
    return rows


def actions_page(case, outlines, *, open_page=1, closed_page=1, today=None):
    """(open, closed): one page of the open actions (by due date) and one of the others (latest first), as
    full rows with `overdue`, `depth`, `repeated` and `needs_reason` copied from the outline. Two queries,
    each bounded by its page size; `open_page`/`closed_page` are clamped to the pages there are."""
    today = today or timezone.localdate()
    by_pk = {row.pk: row for row in outlines}
    n_open = sum(1 for row in outlines if row.is_open)
    pages = {
        "open": _page(open_page, n_open, OPEN_PAGE_SIZE),
        "closed": _page(closed_page, len(outlines) - n_open, CLOSED_PAGE_SIZE),
    }
    # One query for both pages: each row's place in its own list (open by due date, the others latest
    # first) by a window function, and its progress notes as one JSON array (a correlated subquery).
    from django.db.models import Case, F, IntegerField, Q, Value, When, Window
    from django.db.models.functions import RowNumber

    from ineen.conferences.report import json_rows

    from .models import ActionProgress

    is_open = Q(status=ActionStatus.OPEN)
    group = Case(When(is_open, then=Value(0)), default=Value(1), output_field=IntegerField())
    first_open = (pages["open"]["number"] - 1) * OPEN_PAGE_SIZE
    first_closed = (pages["closed"]["number"] - 1) * CLOSED_PAGE_SIZE
    rows = list(
        PlanAction.objects.filter(case=case)
        .select_related("owner", "owner_organisation", "answers", "conference")
        .annotate(
            place_open=Window(RowNumber(), partition_by=[group], order_by=[F("due_on").asc(), F("pk").asc()]),
            place_closed=Window(RowNumber(), partition_by=[group], order_by=[F("due_on").desc(), F("pk").desc()]),
            notes_json=json_rows(
                ActionProgress.objects.all(),
                "action",
                pk="pk",
                created_at="created_at",
                text="text",
                status_change="status_change",
                first_name="author__first_name",
                last_name="author__last_name",
                email="author__email",
            ),
        )
        .filter(
            (is_open & Q(place_open__gt=first_open, place_open__lte=first_open + OPEN_PAGE_SIZE))
            | (~is_open & Q(place_closed__gt=first_closed, place_closed__lte=first_closed + CLOSED_PAGE_SIZE))
        )
    )
    open_rows = sorted((r for r in rows if r.status == ActionStatus.OPEN), key=lambda r: (r.due_on, r.pk))
    closed_rows = sorted(
        (r for r in rows if r.status != ActionStatus.OPEN), key=lambda r: (r.due_on, r.pk), reverse=True
    )
    for row in rows:
        row.notes = notes_from_json(row.notes_json, latest=NOTES_SHOWN)
    for row in open_rows + closed_rows:
        light = by_pk.get(row.pk)
        row.is_open = row.status == ActionStatus.OPEN
        row.overdue = row.is_open and row.due_on < today
        row.depth = light.depth if light else 0
        row.repeated = row.is_open and row.depth >= CARRY_OVER_WARNING
        row.needs_reason = not row.reason.strip() and row.answers_id is None
    return open_rows, closed_rows, pages


def _page(asked, count, size) -> dict:
    last = max(1, -(-count // size))
    number = min(max(1, asked), last)
    return {
        "number": number,
        "count": count,
        "last": last,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < last else None,
        "first_shown": (number - 1) * size + 1 if count else 0,
        "last_shown": min(number * size, count),
    }


def actions(case, today=None):
    """All actions of the case as full rows, open ones first (by due date), then the rest (latest first),
    each with `overdue`, `depth`, `repeated` and `needs_reason`. One query; for pages that need every action
    (the plan page pages them: `outline` and `actions_page`)."""
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
    """From the open actions (full rows or outlines)."""
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


def progress_by_action(case, action_ids=None) -> dict:
    """Progress notes of the case's actions (or of `action_ids` only), oldest first, by action id. One query.
    (The plan page takes the newest few of its page's actions along with them: `actions_page`.)"""
    from .models import ActionProgress

    rows = ActionProgress.objects.filter(action__case=case).select_related("author")
    if action_ids is not None:
        rows = rows.filter(action_id__in=list(action_ids))
    notes: dict = {}
    for note in rows.order_by("created_at", "pk"):
        notes.setdefault(note.action_id, []).append(note)
    return notes


def notes_from_json(text, *, latest=None):
    """Progress notes from a json_rows array: oldest first, the newest `latest` of them, with `earlier`."""
    import datetime
    import json
    from types import SimpleNamespace

    from .enums import ActionStatus as Status

    labels = dict(Status.choices)
    notes = []
    for row in json.loads(text) if text else []:
        created = datetime.datetime.fromisoformat(str(row["created_at"]).replace(" ", "T"))
        if timezone.is_naive(created):
            created = timezone.make_aware(created, datetime.UTC)
        name = f"{row['first_name'] or ''} {row['last_name'] or ''}".strip()
        notes.append(
            SimpleNamespace(
                pk=row["pk"],
                created_at=created,
                text=row["text"],
                status_change=row["status_change"],
                get_status_change_display=labels.get(row["status_change"], row["status_change"]),
                author=SimpleNamespace(get_full_name=name, email=row["email"]),
            )
        )
    notes.sort(key=lambda n: (n.created_at, n.pk))
    shown = NoteList(notes[-latest:] if latest else notes)
    shown.earlier = len(notes) - len(shown)
    return shown


class NoteList(list):
    """A list of progress notes that knows how many older ones were left out."""

    earlier = 0


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
