"""Family profiles, arrangement templates and the partners' catalogue (issue 13, point 5; seed 004).

A profile is data of one safety house (it edits names and descriptions, adds and retires profiles); the five
of seed 004 are its starting set. A template lists, per profile, the elements that must always be present in
an arrangement (entered by the safety house: the research names the idea, not the content). A case gets a
profile with a reason (`CaseProfile`, one row per decision: the history stays); applying a template proposes
each chosen element as a plan change (`AppliedElement` remembers which), so the owner agrees as for any
change between meetings. The catalogue (`PartnerOffer`) lists what each partner can offer and may do."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.conferences.enums import Horizon
from ineen.plans.enums import ActionType, Towards

from .enums import OfferKind


class FamilyProfile(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    safety_house = models.ForeignKey("accounts.SafetyHouse", on_delete=models.CASCADE, related_name="profiles")
    # The seed-004 profile this one started from ("" for a house's own): lets reports compare houses.
    origin = models.CharField(_("oorsprong"), max_length=30, blank=True, editable=False)
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("gezinsprofiel")
        verbose_name_plural = _("gezinsprofielen")
        ordering = ["safety_house", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["safety_house", "name"], name="profile_name_per_house")]

    def __str__(self):
        return self.name


class PartnerOffer(models.Model):
    """One entry of the catalogue: what a partner organisation can offer or may do, in this safety house."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    safety_house = models.ForeignKey("accounts.SafetyHouse", on_delete=models.CASCADE, related_name="offers")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="offers", verbose_name=_("partner")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=OfferKind.choices)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("wat houdt het in, voor wie, wat is nodig"), blank=True)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("aanbod of bevoegdheid van een partner")
        verbose_name_plural = _("catalogus van partners")
        ordering = ["kind", "organisation__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class ArrangementTemplate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    profile = models.ForeignKey(FamilyProfile, on_delete=models.CASCADE, related_name="templates")
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("toelichting"), blank=True)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("arrangement (sjabloon)")
        verbose_name_plural = _("arrangementen (sjablonen)")
        ordering = ["profile", "name"]

    def __str__(self):
        return f"{self.profile}: {self.name}"


class ArrangementElement(models.Model):
    """One element of an arrangement: becomes a plan action when the template is applied."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    template = models.ForeignKey(ArrangementTemplate, on_delete=models.CASCADE, related_name="elements")
    what = models.TextField(_("wat"))
    mandatory = models.BooleanField(_("moet altijd aanwezig zijn"), default=True)
    action_type = models.CharField(_("soort"), max_length=25, choices=ActionType.choices, default=ActionType.ACTION)
    towards = models.CharField(_("richting"), max_length=15, choices=Towards.choices, default=Towards.FAMILY)
    horizon = models.CharField(_("termijn"), max_length=10, choices=Horizon.choices, default=Horizon.SHORT)
    weeks = models.PositiveSmallIntegerField(_("klaar binnen (weken)"), default=4)
    offer = models.ForeignKey(
        PartnerOffer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uit de catalogus"),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        ordering = ["template", "order", "pk"]

    def __str__(self):
        return self.what[:80]


class CaseProfile(models.Model):
    """A decision that a case fits a profile, with the reason. The newest row is the case's profile."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="profiles")
    profile = models.ForeignKey(FamilyProfile, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("waarom dit profiel"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assigned_at", "-pk"]


class AppliedElement(models.Model):
    """An element of a template proposed for a case's plan: the plan change carries it to the plan."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    element = models.ForeignKey(ArrangementElement, on_delete=models.CASCADE, related_name="+")
    change = models.ForeignKey("plans.PlanChange", on_delete=models.CASCADE, related_name="+")
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-applied_at", "-pk"]
