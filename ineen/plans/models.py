"""One plan per household: actions with exactly one owner, bottom lines with a guardian, and the
agreements about collaboration. Decisions in a conference become plan rows in one step."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.conferences.enums import Horizon

from .enums import ActionStatus, ActionType, Answer, BottomLineStatus, ChangeKind, ChangeState, Towards


class PlanAction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="actions")
    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    what = models.TextField(_("wat"))
    # The same action in words for the family (B1, for children in their own words): what client
    # documents show. Never filled from `what` by default (issue 11, point 4).
    client_wording = models.TextField(_("In woorden voor het gezin"), blank=True)
    # Empty only for an agreement imported from an old case file (ineen/imports): the file names the
    # organisation that owned it, never a user of Ineen. The constraint below keeps every other action owned.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("wie"),
    )
    imported = models.BooleanField(default=False, editable=False)
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False) | models.Q(imported=True),
                name="plan_action_owned_unless_imported",
            )
        ]


class BottomLine(models.Model):
    """A non-negotiable minimum (bodemeis), who guards it, how we know it is met, and what happens
    when it is not."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="bottom_lines")
    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.SET_NULL, null=True, blank=True, related_name="bottom_lines"
    )
    text = models.TextField(_("bodemeis"))
    client_wording = models.TextField(_("In woorden voor het gezin"), blank=True)
    # The household members this bottom line is about ("my plan" shows it to them); empty = everyone.
    concerns = models.ManyToManyField(
        "households.Person", blank=True, related_name="+", verbose_name=_("voor wie geldt dit")
    )
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


class ActionProgress(models.Model):
    """A progress note on an action between meetings, optionally with the status it changed to (done, or
    dropped with this note as the reason). Appended, never edited: notes cannot overwrite each other."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="progress")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("voortgang"))
    status_change = models.CharField(max_length=15, choices=ActionStatus.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]


class PlanChange(models.Model):
    """A change to the plan proposed between meetings. The involved partners answer (PlanChangeResponse);
    when all agree it is applied. `before`/`after` hold display values (and ids) so the history reads as
    the domain: what changed, who proposed, who agreed, when."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="plan_changes")
    kind = models.CharField(_("soort wijziging"), max_length=15, choices=ChangeKind.choices)
    action = models.ForeignKey(PlanAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    bottom_line = models.ForeignKey(BottomLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    target_version = models.PositiveIntegerField(default=0)  # the action's / bottom line's version at proposal
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("waarom"))
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict)
    respond_by = models.DateField(_("reageren voor"))
    state = models.CharField(max_length=10, choices=ChangeState.choices, default=ChangeState.OPEN)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["case", "state"], name="plan_change_case_state")]


class PlanChangeResponse(models.Model):
    """One required partner's answer to a plan change; made empty (answer "") when the change is proposed."""

    change = models.ForeignKey(PlanChange, on_delete=models.CASCADE, related_name="responses")
    partner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    comment = models.TextField(_("toelichting"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["change", "partner"], name="plan_change_one_answer")]
        indexes = [models.Index(fields=["partner", "answer"], name="plan_change_partner_answer")]


class PlanReviewCadence(models.Model):
    """How often the plan is reviewed with the family, set by the case director or the chair."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="plan_review_cadence")
    weeks = models.PositiveSmallIntegerField(_("elke hoeveel weken"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)


class PlanReview(models.Model):
    """A review of the plan with the family: when, with whom, and what came out of it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="plan_reviews")
    held_on = models.DateField(_("datum"))
    with_whom = models.TextField(_("met wie"))
    outcome = models.TextField(_("uitkomst"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
