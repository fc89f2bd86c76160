"""One plan per household: actions with exactly one owner, bottom lines with a guardian, and the
agreements about collaboration. Decisions in a conference become plan rows in one step."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.conferences.enums import Horizon

from .enums import ActionStatus, ActionType, BottomLineStatus, Towards


class PlanAction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="actions")
    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    what = models.TextField(_("wat"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_actions", verbose_name=_("wie")
    )
    owner_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("wanneer klaar"))
    reason = models.TextField(_("waarom (welke zorg of welk risico)"), blank=True)
    answers = models.ForeignKey(
        "conferences.SharedTopItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("antwoord op"),
    )
    action_type = models.CharField(_("soort"), max_length=25, choices=ActionType.choices, default=ActionType.ACTION)
    towards = models.CharField(_("richting"), max_length=15, choices=Towards.choices, default=Towards.FAMILY)
    horizon = models.CharField(_("termijn"), max_length=10, choices=Horizon.choices, default=Horizon.SHORT)
    status = models.CharField(max_length=15, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    outcome = models.TextField(_("resultaat"), blank=True)
    carried_over_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["case", "status", "due_on"], name="action_case_status_due")]


class BottomLine(models.Model):
    """A non-negotiable minimum (bodemeis), who guards it, how we know it is met, and what happens
    when it is not."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="bottom_lines")
    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.SET_NULL, null=True, blank=True, related_name="bottom_lines"
    )
    text = models.TextField(_("bodemeis"))
    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("wie bewaakt")
    )
    guardian_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    how_we_know = models.TextField(_("hoe weten we dat het nagekomen wordt"), blank=True)
    on_breach = models.TextField(_("wat gebeurt er als het niet nagekomen wordt"))
    status = models.CharField(max_length=10, choices=BottomLineStatus.choices, default=BottomLineStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)


class CollaborationAgreement(models.Model):
    """Afspraken over samenwerking made in a conference."""

    conference = models.OneToOneField("conferences.Conference", on_delete=models.CASCADE, related_name="agreement")
    timeline = models.TextField(_("tijdslijn"), blank=True)
    keep_informed = models.TextField(_("hoe houden we elkaar op de hoogte"), blank=True)
    next_conference = models.ForeignKey(
        "conferences.Conference",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("volgend overleg"),
    )
    closure_plan = models.TextField(_("afsluitingsplan: wat als het later toch weer niet goed gaat"), blank=True)
    version = models.PositiveIntegerField(default=1)
