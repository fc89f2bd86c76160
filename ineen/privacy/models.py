"""Information governance: every piece of case content carries its source, basis and visibility.

- GovernedItem: abstract fields for case content (incidents, life domains, strengths, measures, notes).
- Consent: per person x organisation x purpose, with withdrawal.
- ConfidentialAddress: whereabouts visible only to named guardians.
- BreakGlassAccess: time-limited emergency access with a reason, reported.
The rules that use these live in ineen/access/policy.py.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import (
    Basis,
    BreakGlassReason,
    BreakGlassVerdict,
    ConsentForm,
    ConsentPurpose,
    DisputeKind,
    DisputeState,
    Nature,
    RaisedVia,
    Visibility,
)


class GovernedItem(models.Model):
    source_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("bron")
    )
    basis = models.CharField(_("grondslag"), max_length=20, choices=Basis.choices, default=Basis.COVENANT)
    basis_reason = models.TextField(_("reden doorbreking beroepsgeheim / wettelijke grondslag"), blank=True)
    visibility = models.CharField(
        _("wie mag dit zien"), max_length=20, choices=Visibility.choices, default=Visibility.TEAM
    )
    consent_purpose = models.CharField(
        max_length=30, choices=ConsentPurpose.choices, default=ConsentPurpose.CASE_CONFERENCE
    )
    shared_with = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("gedeeld met organisaties")
    )
    concerns = models.ManyToManyField(
        "households.Person", blank=True, related_name="+", verbose_name=_("over wie gaat dit")
    )
    # Fact, or a worry still to be substantiated (docs/architecture.md, decision on disputes).
    nature = models.CharField(
        _("soort informatie"), max_length=20, choices=Nature.choices, default=Nature.NOT_INDICATED
    )
    # When the source organisation last confirmed or corrected it (a dispute's answer); empty: never.
    last_confirmed_at = models.DateTimeField(_("laatst bevestigd op"), null=True, blank=True)

    class Meta:
        abstract = True


class Consent(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "households.Person", on_delete=models.CASCADE, related_name="consents", verbose_name=_("cliënt")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie die mag delen")
    )
    purpose = models.CharField(_("doel"), max_length=30, choices=ConsentPurpose.choices)
    given_on = models.DateField(_("gegeven op"), default=timezone.localdate)
    form = models.CharField(_("vorm"), max_length=10, choices=ConsentForm.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_on", "-pk"]
        indexes = [
            # policy.consent_missing(): active consents of one person for one organisation and purpose.
            models.Index(fields=["person", "organisation", "purpose"], name="consent_lookup"),
        ]

    @staticmethod
    def active_q(day=None, prefix="") -> Q:
        day = day or timezone.localdate()
        return Q(**{f"{prefix}given_on__lte": day}) & (
            Q(**{f"{prefix}withdrawn_on__isnull": True}) | Q(**{f"{prefix}withdrawn_on__gt": day})
        )

    def is_active(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


class ConfidentialAddress(models.Model):
    """Where a person really stays (e.g. a shelter). Only guardians may see it; never in client views,
    reports, exports or e-mails."""

    person = models.OneToOneField("households.Person", on_delete=models.CASCADE, related_name="confidential_address")
    address = models.TextField(_("verblijfadres"))
    guardians = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("bewakers"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("geheim adres")
        verbose_name_plural = _("geheime adressen")


class BreakGlassAccess(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="break_glass")
    reason_code = models.CharField(_("soort noodsituatie"), max_length=30, choices=BreakGlassReason.choices, blank=True)
    reason = models.TextField(_("reden"))
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reported_at = models.DateTimeField(null=True, blank=True)
    # The chair's review afterwards (privacy.views.break_glass_review); empty until reviewed.
    verdict = models.CharField(_("oordeel"), max_length=20, choices=BreakGlassVerdict.choices, blank=True)
    review_note = models.TextField(_("toelichting bij het oordeel"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            # policy.case_relation(): a user's running emergency access to one case.
            models.Index(fields=["user", "case", "expires_at"], name="breakglass_lookup"),
        ]

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.started_at <= now < self.expires_at


class BreakGlassRefusal(models.Model):
    """A refused request for emergency access (unknown reference, no right to it, already in the team, or
    the daily limit reached). Counted per user, so guessing references is stopped and shows in the review."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # Why, for the review list: "refused" (the reference) or "limit" (the daily limit).
    kind = models.CharField(max_length=10)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"], name="breakglass_refusal_lookup")]


class Anonymisation(models.Model):
    """The retention job's record that a household was anonymised (ineen/privacy/retention.py).
    Holds no personal data; makes the job idempotent and lets pages say "geanonimiseerd"."""

    household = models.OneToOneField("households.Household", on_delete=models.CASCADE, related_name="anonymisation")
    anonymised_at = models.DateTimeField(default=timezone.now)
    persons = models.PositiveIntegerField(default=0)
    rule = models.CharField(max_length=30, help_text="the retention rule that expired last")

    class Meta:
        verbose_name = _("anonimisering")
        verbose_name_plural = _("anonimiseringen")


class Dispute(models.Model):
    """A household member's "this is wrong" or "this is outdated" about one governed item, in their own
    words, and the source organisation's answer (ineen/privacy/disputes.py). Only people who may read the
    item see it (ineen/access/disputes.py)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="disputes")
    # Which item: a key of privacy.disputes.KINDS and the item's primary key (items live in several apps).
    item_kind = models.CharField(max_length=30)
    item_id = models.PositiveBigIntegerField()
    source_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("wat is er mis"), max_length=20, choices=DisputeKind.choices)
    person = models.ForeignKey(
        "households.Person", on_delete=models.CASCADE, related_name="disputes", verbose_name=_("gezinslid")
    )
    account = models.TextField(_("wat het gezinslid zelf zegt"))
    raised_via = models.CharField(max_length=20, choices=RaisedVia.choices, default=RaisedVia.PROFESSIONAL)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=20, choices=DisputeState.choices, default=DisputeState.PENDING)
    answer = models.TextField(_("toelichting van de bron"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # A correction keeps the text it replaced here: the write history never copies free text
    # (privacy/freetext.py), so this is where the old version stays, visible to those who may read the item.
    previous_text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["case", "item_kind", "item_id"], name="dispute_item_lookup")]

    @property
    def is_open(self) -> bool:
        return self.state == DisputeState.PENDING
