"""The household and its people: one record per household, members, and what is known about them.

Every table here is case data: reads and writes go through ineen.access.policy and leave audit events.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.accounts.models import Organisation, SafetyHouse
from ineen.privacy.models import GovernedItem

from .enums import (
    Concern,
    IncidentRole,
    LifeDomain,
    MeasureCategory,
    MeasureKind,
    OtherTable,
    Relationship,
    ViolenceType,
)


class Household(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    safety_house = models.ForeignKey(SafetyHouse, on_delete=models.PROTECT, related_name="households")
    name = models.CharField(_("naam huishouden"), max_length=200, help_text=_("Bijvoorbeeld: gezin Jansen"))
    postcode_area = models.CharField(
        _("postcodegebied (4 cijfers)"),
        max_length=4,
        blank=True,
        help_text=_("Alleen de cijfers; nooit een adres van een geheime verblijfplaats."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self):
        return self.name


class Person(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("geboortejaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    relationship = models.CharField(_("positie in het huishouden"), max_length=30, choices=Relationship.choices)
    living_at_home = models.BooleanField(_("woont thuis"), default=True)
    language = models.CharField(_("taal"), max_length=60, blank=True, default="Nederlands")
    needs_interpreter = models.BooleanField(_("tolk nodig"), default=False)
    custody_notes = models.CharField(_("gezag / maatregelen (kort)"), max_length=300, blank=True)
    # The whereabouts themselves live elsewhere (privacy issue); this flag hides them everywhere.
    has_confidential_address = models.BooleanField(_("geheim adres"), default=False)

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["birth_year", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def age(self):
        if not self.birth_year:
            return None
        return timezone.localdate().year - self.birth_year


class LifeDomainAssessment(GovernedItem):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="life_domains")
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gezinslid (leeg = hele huishouden)"),
    )
    domain = models.CharField(_("leefgebied"), max_length=40, choices=LifeDomain.choices)
    concern = models.CharField(_("zorgen"), max_length=20, choices=Concern.choices, default=Concern.UNKNOWN)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        ordering = ["domain"]


class Incident(GovernedItem):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="incidents")
    date = models.DateField(_("datum"))
    # A JSON list of ViolenceType values: one incident can be several types at once.
    violence_types = models.JSONField(_("soorten geweld"), default=list)
    description = models.TextField(_("omschrijving"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidenten")
        ordering = ["-date"]

    def violence_type_labels(self):
        labels = dict(ViolenceType.choices)
        return [labels.get(v, v) for v in self.violence_types]


class IncidentInvolvement(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="incident_involvements")
    role = models.CharField(_("rol in dit incident"), max_length=20, choices=IncidentRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "person"], name="one_role_per_person_incident")]


class Strength(GovernedItem):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="strengths")
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gezinslid (leeg = hele huishouden)"),
    )
    description = models.CharField(_("krachtbron of beschermende factor"), max_length=300)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("krachtbron")
        verbose_name_plural = _("krachtbronnen")


class InvolvedService(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="services")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voor gezinslid (leeg = hele huishouden)"),
    )
    since = models.DateField(_("sinds"), null=True, blank=True)
    until = models.DateField(_("tot"), null=True, blank=True)
    aim = models.CharField(_("gericht op"), max_length=300)

    class Meta:
        verbose_name = _("betrokken hulpverlening")
        verbose_name_plural = _("betrokken hulpverlening")
        ordering = ["-since"]


class LegalMeasure(GovernedItem):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="measures")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="measures", verbose_name=_("gezinslid"))
    category = models.CharField(_("soort"), max_length=20, choices=MeasureCategory.choices)
    kind = models.CharField(_("maatregel"), max_length=30, choices=MeasureKind.choices)
    starts_on = models.DateField(_("begindatum"), null=True, blank=True)
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    review_on = models.DateField(_("evaluatie- of zittingsdatum"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["ends_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="measure_ends_after_start",
            )
        ]


class OtherTableDiscussion(models.Model):
    """Other tables that discuss the household, so the picture stays the same everywhere."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="other_tables")
    table = models.CharField(_("overleg"), max_length=30, choices=OtherTable.choices)
    since = models.DateField(_("sinds"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ander overleg")
        verbose_name_plural = _("andere overleggen")
