"""What was reminded: one row per reminder sent, so each is sent once, also when two workers run.

The unique constraint decides (ineen/reminders/sending.py): a worker inserts the row and sends the mail in
one transaction; a second worker inserting the same row waits for the first to commit and then fails
with an IntegrityError, so it skips. If the mail cannot be sent the row is rolled back and the next run
tries again. The row holds keys only (kind, object key, recipient, occasion), never case content.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SentReminder(models.Model):
    kind = models.CharField(max_length=40)  # e.g. "action_due", "conference_upcoming" (rules.MESSAGES)
    object_key = models.CharField(max_length=64)  # the public id of what the reminder is about
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Which occasion: the due date it is about, or the week of a recurring check ("2026-W50").
    occasion = models.CharField(max_length=40)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_key", "recipient", "occasion"], name="reminder_sent_once")
        ]
