"""What is reminded, to whom: a registry of rules, each yielding the reminders due today.

A rule is a function `rule(today: date) -> Iterable[Reminder]`; it finds the rows that need a reminder
with a fixed number of queries and yields one Reminder per recipient. It does not check access: the
sender (sending.py) asks the access policy (`policy.remindable`) for every (recipient, case) pair and
drops the rest, so a closed case, an ended membership or a deactivated account never gets one, whatever
a rule yields. The sender also makes each reminder go out once (models.SentReminder): the `occasion`
says when the same reminder is due again (another due date, another week).

Other apps add their own rules (plan reviews, follow-up checks after closure, and later debriefs):

    from ineen.reminders.rules import Reminder, register

    @register(kind="plan_review", subject="Herinnering: planevaluatie", text="De evaluatie … is op {due}.")
    def plan_reviews_due(today): ...

Debriefs and feedback with clients (conferences.ClientFollowUp) are reminded by `debriefs_due` below.
`text` may use {due} (the due date written out) and nothing about the case itself: e-mails
carry a link and the case reference, never case content.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ineen.cases.enums import CaseState

# How far ahead: an action due within this many days, a conference within CONFERENCE_DAYS, and the
# preparation asked for from PREPARATION_DAYS before (the chair reads it side by side beforehand).
DUE_SOON_DAYS = 2
CONFERENCE_DAYS = 3
PREPARATION_DAYS = 5
# An overdue action is reminded again every this many days while it stays open.
OVERDUE_REPEAT_DAYS = 7


@dataclass(frozen=True)
class Reminder:
    recipient: Any  # User
    kind: str  # a key of MESSAGES
    object_key: str  # the public id of what it is about
    occasion: str  # when the same reminder is due again: a due date, a week ("2026-W50")
    due_on: date
    url: str  # a path; the sender adds INEEN_BASE_URL
    case: Any  # with household and safety_house loaded (for the access check and the audit event)
    object_type: str  # for the audit event: "plan_action", "bottom_line", "conference"
    # Who the recipient is: "team" (the sender checks policy.remindable for the case) or
    # policy.ESCALATION_MANAGER (the manager an escalation is addressed to, not a team member: the sender
    # checks policy.may_answer_escalation on `about`, the escalation).
    audience: str = "team"
    about: Any = None


@dataclass(frozen=True)
class Message:
    subject: str
    text: str  # may use {due}


RULES: list[Callable[[date], Iterable[Reminder]]] = []
MESSAGES: dict[str, Message] = {}


def register(*, kind: str = "", subject: str = "", text: str = "", messages: dict[str, Message] | None = None):
    """Decorator: add a rule, with the message of the kind (or kinds) of reminder it yields."""

    def decorate(rule):
        if kind:
            MESSAGES[kind] = Message(subject, text)
        MESSAGES.update(messages or {})
        if rule not in RULES:
            RULES.append(rule)
        return rule

    return decorate


def absolute(path: str) -> str:
    return settings.INEEN_BASE_URL.rstrip("/") + path


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


_CASE = ("case__household", "case__safety_house")


# --- actions ------------------------------------------------------------------------------------


def _open_actions():
    from ineen.plans.enums import ActionStatus
    from ineen.plans.models import PlanAction

    return (
        # An agreement imported from an old file has no owner to remind (only an owner organisation).
        PlanAction.objects.filter(status=ActionStatus.OPEN, owner__isnull=False)
        .exclude(case__state=CaseState.CLOSED)
        .select_related("owner", *_CASE)
    )


def _action_url(action) -> str:
    # The plan page at the action (the action's own URLs only take a POST).
    return reverse("plans:plan", args=[action.case.public_id]) + f"#actie-{action.public_id}"


@register(
    kind="action_due",
    subject="Herinnering: actie bijna klaar",
    text="Een actie die bij u ligt moet op {due} klaar zijn. Wilt u de voortgang of het resultaat vastleggen?",
)
def actions_due_soon(today: date) -> Iterable[Reminder]:
    """Open actions due today or within DUE_SOON_DAYS, to their owner; once per due date."""
    for action in _open_actions().filter(due_on__gte=today, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)):
        yield Reminder(
            recipient=action.owner,
            kind="action_due",
            object_key=str(action.public_id),
            occasion=action.due_on.isoformat(),
            due_on=action.due_on,
            url=_action_url(action),
            case=action.case,
            object_type="plan_action",
        )


@register(
    messages={
        "action_overdue": Message(
            "Herinnering: actie over tijd",
            "Een actie die bij u ligt had op {due} klaar moeten zijn. Wilt u de voortgang vastleggen, of de "
            "actie met de casusregisseur doorschuiven?",
        ),
        "action_overdue_director": Message(
            "Herinnering: actie over tijd in uw casus",
            "In een casus waarvan u casusregisseur bent is een actie over tijd (had op {due} klaar moeten zijn).",
        ),
    }
)
def actions_overdue(today: date) -> Iterable[Reminder]:
    """Open actions past their due date: to the owner and to the case director, again every
    OVERDUE_REPEAT_DAYS days while the action stays open. Two queries."""
    from ineen.cases.models import CaseDirectorAssignment

    overdue = list(_open_actions().filter(due_on__lt=today))
    directors = {
        a.case_id: a.director
        for a in CaseDirectorAssignment.objects.filter(
            case_id__in={action.case_id for action in overdue}, ended_at__isnull=True
        ).select_related("director")
    }
    for action in overdue:
        round_no = (today - action.due_on).days // OVERDUE_REPEAT_DAYS
        occasion = f"{action.due_on.isoformat()}#{round_no}"
        common = {
            "object_key": str(action.public_id),
            "occasion": occasion,
            "due_on": action.due_on,
            "url": _action_url(action),
            "case": action.case,
            "object_type": "plan_action",
        }
        yield Reminder(recipient=action.owner, kind="action_overdue", **common)
        director = directors.get(action.case_id)
        if director is not None and director.pk != action.owner_id:
            yield Reminder(recipient=director, kind="action_overdue_director", **common)


# --- bottom lines -------------------------------------------------------------------------------


@register(
    kind="bottom_line_check",
    subject="Herinnering: bodemeis controleren",
    text="U bewaakt een bodemeis. Wordt die nog nagekomen? Bekijk het plan en leg het vast als dat niet zo is.",
)
def bottom_line_checks(today: date) -> Iterable[Reminder]:
    """Every bottom line in force, to its guardian, once a week (the BottomLine has no cadence field
    of its own: weekly is the safety house's rhythm for what must not happen again)."""
    from ineen.plans.enums import BottomLineStatus
    from ineen.plans.models import BottomLine

    lines = (
        BottomLine.objects.filter(status=BottomLineStatus.ACTIVE)
        .exclude(case__state=CaseState.CLOSED)
        .select_related("guardian", *_CASE)
    )
    for line in lines:
        yield Reminder(
            recipient=line.guardian,
            kind="bottom_line_check",
            object_key=str(line.public_id),
            occasion=iso_week(today),
            due_on=today,
            url=reverse("plans:plan", args=[line.case.public_id]),
            case=line.case,
            object_type="bottom_line",
        )


# --- conferences --------------------------------------------------------------------------------


def _invitations(today: date, days: int):
    """Invitations of professionals to planned conferences starting today up to `days` days ahead."""
    from ineen.conferences.enums import ConferenceState
    from ineen.conferences.models import Invitation

    start = timezone.make_aware(datetime.combine(today, time.min))
    return list(
        Invitation.objects.filter(
            user__isnull=False,
            conference__state=ConferenceState.PLANNED,
            conference__starts_at__gte=start,
            conference__starts_at__lt=start + timedelta(days=days + 1),
        )
        .exclude(conference__case__state=CaseState.CLOSED)
        .select_related("user", "conference", *(f"conference__{name}" for name in _CASE))
        .order_by("conference_id", "user_id", "pk")
    )


def _conference_reminders(invitations, kind: str, url_name: str, skip=frozenset()):
    seen = set()
    for invitation in invitations:
        conference = invitation.conference
        key = (conference.pk, invitation.user_id)
        if key in seen or key in skip:
            continue  # invited to two parts: one reminder
        seen.add(key)
        starts_on = timezone.localdate(conference.starts_at)
        yield Reminder(
            recipient=invitation.user,
            kind=kind,
            object_key=str(conference.public_id),
            occasion=starts_on.isoformat(),  # a conference moved to another day is reminded again
            due_on=starts_on,
            url=reverse(url_name, args=[conference.public_id]),
            case=conference.case,
            object_type="conference",
        )


@register(
    kind="conference_upcoming",
    subject="Herinnering: overleg binnenkort",
    text="U bent uitgenodigd voor een overleg op {due}. Het agenda-item staat in uw uitnodiging.",
)
def conferences_upcoming(today: date) -> Iterable[Reminder]:
    """Planned conferences within CONFERENCE_DAYS days, to every invited professional; once per date."""
    yield from _conference_reminders(_invitations(today, CONFERENCE_DAYS), "conference_upcoming", "conferences:detail")


@register(
    kind="preparation_missing",
    subject="Herinnering: voorbereiding overleg",
    text="Voor het overleg op {due} hebben wij uw voorbereiding nog niet ontvangen. De procesregisseur "
    "leest die vooraf; wilt u uw inbreng geven?",
)
def preparation_missing(today: date) -> Iterable[Reminder]:
    """Invited professionals who have given no preparation input yet for a conference within
    PREPARATION_DAYS days; once per conference date. Two queries."""
    from ineen.conferences.models import PreparationInput

    invitations = _invitations(today, PREPARATION_DAYS)
    given = set(
        PreparationInput.objects.filter(conference_id__in={i.conference_id for i in invitations}).values_list(
            "conference_id", "author_id"
        )
    )
    yield from _conference_reminders(invitations, "preparation_missing", "conferences:prepare", skip=given)


# --- debriefs and feedback with clients -----------------------------------------------------------------


@register(
    messages={
        "debrief_due": Message(
            "Herinnering: nabespreking of terugkoppeling met een cliënt",
            "Na een overleg staat een nabespreking of terugkoppeling met een gezinslid op uw naam. Die is "
            "uiterlijk op {due} gepland.",
        ),
        "debrief_overdue": Message(
            "Herinnering: nabespreking of terugkoppeling over tijd",
            "Een nabespreking of terugkoppeling met een gezinslid had op {due} gedaan moeten zijn. Wilt u "
            "die vastleggen, of met de casusregisseur een nieuwe datum afspreken?",
        ),
    }
)
def debriefs_due(today: date) -> Iterable[Reminder]:
    """Open debriefs (present) and feedback (absent) after a conference, to their owner: once when due
    within DUE_SOON_DAYS days, and every OVERDUE_REPEAT_DAYS days while overdue. One query."""
    from ineen.conferences.models import ClientFollowUp

    rows = (
        ClientFollowUp.objects.filter(done_at__isnull=True, due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
        .exclude(conference__case__state=CaseState.CLOSED)
        .select_related("owner", "conference", *(f"conference__{name}" for name in _CASE))
        .order_by("due_on", "pk")
    )
    for fu in rows:
        overdue = fu.due_on < today
        occasion = f"{fu.due_on.isoformat()}#{(today - fu.due_on).days // OVERDUE_REPEAT_DAYS}" if overdue else ""
        yield Reminder(
            recipient=fu.owner,
            kind="debrief_overdue" if overdue else "debrief_due",
            object_key=str(fu.public_id),
            occasion=occasion or fu.due_on.isoformat(),
            due_on=fu.due_on,
            url=reverse("conferences:clients", args=[fu.conference.public_id]) + "#nabespreking",
            case=fu.conference.case,
            object_type="client_follow_up",
        )


# --- evaluations after a conference (ineen/evaluations) ---------------------------------------------------

EVALUATION_REMIND_DAYS = 2  # the reminder goes out this many days after the conference ended


@register(
    kind="evaluation_missing",
    subject="Herinnering: evaluatie van het overleg",
    text="Hoe vond u het overleg? Wilt u de korte evaluatie invullen (cijfers van 0 tot 10)? Graag voor {due}.",
)
def evaluations_missing(today: date) -> Iterable[Reminder]:
    """The chair and the invited professionals of a conference that ended EVALUATION_REMIND_DAYS or more days
    ago (within the evaluation window) who have not evaluated it yet; once per conference. Two queries."""
    from ineen.conferences.enums import ConferenceState
    from ineen.conferences.models import Conference
    from ineen.evaluations.models import EvaluationResponse
    from ineen.evaluations.work import DUE_DAYS, EVALUATION_DAYS

    end = timezone.make_aware(datetime.combine(today - timedelta(days=EVALUATION_REMIND_DAYS - 1), time.min))
    conferences = list(
        Conference.objects.filter(
            state=ConferenceState.ENDED, ended_at__lt=end, ended_at__gte=end - timedelta(days=EVALUATION_DAYS)
        )
        .exclude(case__state=CaseState.CLOSED)
        .select_related("chair", *_CASE)
        .prefetch_related("invitations__user")
    )
    answered = set(
        EvaluationResponse.objects.filter(conference__in=conferences, respondent_user__isnull=False).values_list(
            "conference_id", "respondent_user_id"
        )
    )
    for conference in conferences:
        people = {conference.chair_id: conference.chair}
        people.update({i.user_id: i.user for i in conference.invitations.all() if i.user_id})
        due = timezone.localtime(conference.ended_at).date() + timedelta(days=DUE_DAYS)
        for user_id, user in people.items():
            if (conference.pk, user_id) in answered:
                continue
            yield Reminder(
                recipient=user,
                kind="evaluation_missing",
                object_key=str(conference.public_id),
                occasion="evaluation",
                due_on=due,
                url=reverse("evaluations:professional", args=[conference.public_id]),
                case=conference.case,
                object_type="conference",
            )


# Rules of other modules register on import; imported last, as they use Reminder and register above.
from . import rules_between  # noqa: E402, F401
