"""Send the reminders that are due: every rule's reminders, filtered by the access policy, each once.

Once, also when two workers run at the same moment: per reminder one transaction inserts its
SentReminder row, records the audit event and sends the mail. The unique constraint on (kind, object
key, recipient, occasion) decides: a second worker inserting the same row waits for the first one's
transaction and then gets an IntegrityError, and skips. A mail that cannot be sent rolls its row back,
so the next run tries again. (A crash between the mail server accepting the mail and the commit could
still send one twice: the only way to avoid that is to never retry, and a missed reminder is worse.)
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation

from ineen import mail
from ineen.access import policy
from ineen.access.actor import Actor
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action

from . import rules
from .models import SentReminder

PURPOSE = "reminder"
FOOTER = "In deze e-mail staat bewust niets over de casus zelf; u leest de casus in Ineen."


@dataclass
class Result:
    sent: int = 0
    already_sent: int = 0
    not_allowed: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"sent": self.sent, "already_sent": self.already_sent, "not_allowed": self.not_allowed}


def due_reminders(today: date) -> list[rules.Reminder]:
    return [reminder for rule in rules.RULES for reminder in rule(today)]


def long_date(day: date) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


def body(reminder: rules.Reminder) -> str:
    message = rules.MESSAGES[reminder.kind]
    return (
        "Dit is een herinnering van Ineen.\n\n"
        f"{message.text.format(due=long_date(reminder.due_on))}\n\n"
        f"Casus: {reminder.case.reference}\n"
        f"Bekijk het in Ineen: {rules.absolute(reminder.url)}\n\n"
        f"{FOOTER}\n"
    )


def _key(reminder: rules.Reminder) -> tuple[str, str, int, str]:
    return (reminder.kind, reminder.object_key, reminder.recipient.pk, reminder.occasion)


def send_due(*, today: date | None = None, actor: Actor | None = None) -> Result:
    """Send every reminder due `today` (default: today) that was not sent before. Call it outside a
    transaction (a command or a task): each reminder commits on its own."""
    today = today or timezone.localdate()
    actor = actor or Actor.system(channel="job", role="system")
    result = Result()
    candidates = due_reminders(today)
    allowed = policy.remindable((r.recipient.pk, r.case.pk) for r in candidates if r.audience == "team")
    # Most reminders were sent by an earlier run: one query leaves them out. The insert below still decides.
    earlier = set(
        SentReminder.objects.filter(
            recipient_id__in={r.recipient.pk for r in candidates}, object_key__in={r.object_key for r in candidates}
        ).values_list("kind", "object_key", "recipient_id", "occasion")
    )
    done = set()
    for reminder in candidates:
        key = _key(reminder)
        if not _allowed(reminder, allowed) or not reminder.recipient.email:
            result.not_allowed += 1
            continue
        if key in earlier or key in done:
            result.already_sent += 1
            continue
        done.add(key)
        if _send_once(reminder, actor):
            result.sent += 1
            result.kinds[reminder.kind] = result.kinds.get(reminder.kind, 0) + 1
        else:
            result.already_sent += 1
    return result


def _allowed(reminder: rules.Reminder, team_allowed: set[tuple[int, int]]) -> bool:
    if reminder.audience == policy.ESCALATION_MANAGER:
        # The addressed manager is no team member: asked per escalation (only the few past their date).
        return policy.may_answer_escalation(reminder.recipient, reminder.about)
    return reminder.audience == "team" and (reminder.recipient.pk, reminder.case.pk) in team_allowed


def _send_once(reminder: rules.Reminder, actor: Actor) -> bool:
    case = reminder.case
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                kind=reminder.kind,
                object_key=reminder.object_key,
                recipient=reminder.recipient,
                occasion=reminder.occasion,
                case=case,
            )
            events.record(
                actor=actor,
                action=Action.NOTIFY,
                subject=Subject(
                    object_type=reminder.object_type,
                    object_id=reminder.object_key,
                    household_id=str(case.household.public_id),
                    safety_house_code=case.safety_house.code,
                ),
                purpose=PURPOSE,
                detail=f"{reminder.kind} aan gebruiker {reminder.recipient.pk} ({reminder.occasion})",
            )
            mail.send(rules.MESSAGES[reminder.kind].subject, body(reminder), [reminder.recipient.email])
    except IntegrityError:
        return False  # another worker sent it (or is sending it) already
    return True
