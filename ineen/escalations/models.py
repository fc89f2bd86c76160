"""Escalation (opschalen) when a plan is stuck, and the breaches of a bottom line (bodemeis).

An escalation is addressed to one manager of the organisation concerned, who answers it to a result; the
case team records what it does meanwhile (bridging help). A bottom line can be breached more than once:
each breach is its own row, with the consequence action it started."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Category, EscalationStatus


class BottomLineBreach(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The case too (denormalised from the bottom line): access objects scope rows by `case`.
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="bottom_line_breaches")
    bottom_line = models.ForeignKey("plans.BottomLine", on_delete=models.CASCADE, related_name="breaches")
    occurred_on = models.DateField(_("wanneer gebeurd"))
    what_happened = models.TextField(_("wat is er gebeurd"))
    # A breach whose cause lies in the system (a waiting list, no mandate…) feeds the barrier register.
    barrier = models.CharField(_("ligt de oorzaak in het systeem?"), max_length=20, blank=True)
    consequence = models.ForeignKey(
        "plans.PlanAction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-pk"]


class Escalation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="escalations")
    category = models.CharField(_("reden"), max_length=20, choices=Category.choices)
    needed = models.TextField(_("wat is er nodig"))
    needed_by = models.DateField(_("uiterlijk wanneer"))
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    addressed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="escalations_addressed",
        verbose_name=_("manager"),
    )
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    bridging_help = models.TextField(_("overbrugging: wat doen we intussen"), blank=True)
    breach = models.ForeignKey(
        BottomLineBreach, on_delete=models.SET_NULL, null=True, blank=True, related_name="escalations"
    )
    status = models.CharField(max_length=15, choices=EscalationStatus.choices, default=EscalationStatus.OPEN)
    result = models.TextField(_("resultaat"), blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["addressed_to", "status"], name="escalation_manager_status")]
