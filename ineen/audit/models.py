"""Insert-only audit events of every read and write of case data (NEN 7513-style fields).

- AuditEvent: our own events (reads, writes by the domain actions, denials), written by events.record.
- The write events captured by database triggers (django-pghistory) are defined in history.py.
- AuditSeal: the keyed hash chain over both (sealing.py; `audit_seal`, `audit_verify`).
The application never updates or deletes any of these rows; on PostgreSQL grants and triggers refuse it
(see docs/architecture.md, "Tamper-evident audit").
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    VIEW = "view", "view"
    LIST = "list", "list"
    SEARCH = "search", "search"
    CREATE = "create", "create"
    UPDATE = "update", "update"
    DELETE = "delete", "delete"
    EXPORT = "export", "export"
    NOTIFY = "notify", "notify"


class Outcome(models.TextChoices):
    ALLOWED = "allowed", "allowed"
    DENIED = "denied", "denied"


class InsertOnlyQuerySet(models.QuerySet):
    """Bulk paths around Model.save/delete: refuse them too, so no ORM call can change audit rows."""

    def update(self, **kwargs):
        raise RuntimeError("Audit events are insert-only.")

    def delete(self):
        raise RuntimeError("Audit events are insert-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise RuntimeError("Audit events are insert-only.")

    def update_or_create(self, *args, **kwargs):
        raise RuntimeError("Audit events are insert-only.")


class AuditEvent(models.Model):
    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)  # UTC (USE_TZ)
    # Who: a foreign key for queries plus snapshots, so the event keeps its meaning if the user changes.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=300)
    organisation_label = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=40, blank=True, help_text="the relation that granted (or was asked for)")
    safety_house_code = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64, blank=True)
    # Whose data: the household and persons concerned (public ids), for "who looked at my data".
    household_id = models.CharField(max_length=36, blank=True, db_index=True)
    person_ids = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    origin_ip = models.GenericIPAddressField(null=True, blank=True)
    origin_channel = models.CharField(max_length=20, default="web")
    request_path = models.CharField(max_length=500, blank=True)
    purpose = models.CharField(max_length=100)
    detail = models.CharField(max_length=500, blank=True)
    # The request's pghistory context id: links this event to the trigger-captured writes of that request.
    context_id = models.UUIDField(null=True, blank=True, db_index=True)

    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [
            # The log manager's page: one house's events, newest first.
            models.Index(fields=["safety_house_code", "-occurred_at"], name="audit_house_time"),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit events are insert-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are insert-only.")


class AuditSeal(models.Model):
    """One link of the keyed hash chain: seals one audit row (or, for a quiet period, a checkpoint).

    chain_hash = HMAC-SHA256(key, previous chain_hash || canonical entry), the key kept outside the
    database; see sealing.py.
    """

    CHECKPOINT = "checkpoint"

    seq = models.PositiveBigIntegerField(unique=True)
    source = models.CharField(max_length=63, help_text="table of the sealed row, or 'checkpoint'")
    source_pk = models.BigIntegerField(null=True, blank=True)
    row_time = models.DateTimeField(null=True, blank=True)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the row's canonical JSON")
    late = models.BooleanField(default=False, help_text="the row appeared after its time had been sealed")
    watermark = models.DateTimeField(help_text="this seal run covered rows up to this time")
    sealed_at = models.DateTimeField()
    chain_hash = models.CharField(max_length=64)

    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_pk"],
                condition=models.Q(source_pk__isnull=False),
                name="audit_seal_one_per_row",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit seals are insert-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit seals are insert-only.")


class AuditAnchor(models.Model):
    """The record that a month of audit events was removed past its retention period (audit_retention.py).

    Written in the same transaction as the DETACH + DROP of the month's partition, and itself an audit
    row: sealed into the chain like every other, so a forged or edited anchor shows in `audit_verify`.
    It names the seals of the removed rows (first..last seq, count, the chain hash of the last one), so
    verification accounts for every seal whose row is gone, and the chain head at removal time.
    """

    table = models.CharField(max_length=63)
    month = models.DateField(help_text="first day of the removed month (UTC)")
    range_start = models.DateTimeField()
    range_end = models.DateTimeField()
    rows = models.BigIntegerField(help_text="rows removed (each had a seal)")
    first_seq = models.PositiveBigIntegerField(null=True, blank=True)
    last_seq = models.PositiveBigIntegerField(null=True, blank=True)
    last_chain_hash = models.CharField(max_length=64, blank=True, help_text="chain hash of the seal last_seq")
    head_seq = models.PositiveBigIntegerField(help_text="the chain head when the month was removed")
    head_chain_hash = models.CharField(max_length=64)
    removed_at = models.DateTimeField()
    removed_by = models.CharField(max_length=300, help_text="who ran it (operator, channel)")
    approval = models.CharField(max_length=300, blank=True, help_text="the privacy officer's approval reference")

    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["removed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["table", "month"], name="audit_anchor_one_per_month")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit anchors are insert-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit anchors are insert-only.")


from .history import EVENT_MODELS  # noqa: E402  (registers the trigger-captured event models)

__all__ = ["Action", "AuditAnchor", "AuditEvent", "AuditSeal", "EVENT_MODELS", "Outcome"]
