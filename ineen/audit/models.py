"""Insert-only audit events of every read and write of case data (NEN 7513-style fields).

Tamper evidence (database grants, triggers and a keyed hash chain) is added on top of this table;
the application never updates or deletes an AuditEvent.
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

    class Meta:
        ordering = ["occurred_at", "pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit events are insert-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are insert-only.")
