"""A household member's own access (issue 11, point 5): a personal link plus a code handed over by the case
director. Neither the link's token nor the code is stored: only a SHA-256 of the token (to find the access)
and a password hash of the code (to check it). Expiring, revocable, locked after wrong codes."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClientAccess(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="client_accesses")
    person = models.ForeignKey("households.Person", on_delete=models.CASCADE, related_name="client_accesses")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=200)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One live access per member per case: granting anew revokes the old one first.
            models.UniqueConstraint(
                fields=["case", "person"], condition=Q(revoked_at__isnull=True), name="portal_one_live_access"
            ),
        ]

    def __str__(self):
        return f"ClientAccess {self.short_id}"

    @property
    def short_id(self) -> str:
        return str(self.public_id)[:8]

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    def is_locked(self, now=None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.is_live() else "expired"

    def get_status_display(self) -> str:
        return {"revoked": _("Ingetrokken"), "active": _("Actief"), "expired": _("Verlopen")}[self.status]
