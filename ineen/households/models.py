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
from ineen.trigram import trigram_index

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


def case_open_at(cases, when):
    """Which of a household's cases a record made at `when` belongs to, when no case was given:
    the case open at that moment (the latest opened, if several), else the latest case opened
    before it, else the earliest case. `cases`: (pk, opened_at, closed_at) tuples. The same rule fills
    existing rows (migration 0003); for a record made now it is the newest open case, the one whose
    team is the smallest audience (docs/privacy.md, "Households with several cases")."""
    cases = sorted(cases, key=lambda c: (c[1], c[0]))
    if not cases:
        return None
    opened = [c for c in cases if c[1] <= when]
    running = [c for c in opened if c[2] is None or c[2] >= when]
    if running:
        return running[-1][0]
    if opened:
        return opened[-1][0]
    return cases[0][0]


class RecordedInCase(models.Model):
    """A household record remembers the case through which it was recorded. A household can have
    several cases (one after another or at the same time); the access policy shows a record through
    case C only when it was recorded in C or in a case of the household opened before C
    (policy.household_scope_q). Set by the domain actions from their `case`, never from user input."""

    recorded_in = models.ForeignKey(
        "cases.Case", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Rows stored without a case (tests, the shell, the demo seed) are attributed like migration 0003
        # did; never left empty, because an empty `recorded_in` is shown through no case at all.
        if self.recorded_in_id is None and self.household_id is not None:
            from ineen.cases.models import Case

            when = getattr(self, "recorded_at", None) or timezone.now()
            rows = Case.objects.filter(household_id=self.household_id).values_list("pk", "opened_at", "closed_at")
            self.recorded_in_id = case_open_at(list(rows), when)
        super().save(*args, **kwargs)


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
        # Case search and the duplicate check on the household's name (PostgreSQL only, ineen/trigram.py).
        indexes = [trigram_index("name", "household_name_trgm")]

    def __str__(self):
        return self.name


class Person(RecordedInCase):
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
    # Optional; when known, the case page signals a young person turning 18 (youth care ends).
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
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
        # Case search and the duplicate check on names, with typos (PostgreSQL only, ineen/trigram.py).
        indexes = [
            trigram_index("first_name", "person_first_name_trgm"),
            trigram_index("last_name", "person_last_name_trgm"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()

    def save(self, *args, **kwargs):
        """A new member may be born protected (a referral can ask for it); an existing member's
        `has_confidential_address` is never written by save(). Switching the protection on or off is
        ineen.privacy.actions' business only (guardians, a reason, audited), through a queryset update;
        retention clears it with bulk_update. So no general form or stale instance can switch it off."""
        if not self._state.adding and self.pk is not None:
            fields = kwargs.get("update_fields")
            if fields is None:
                fields = [f.name for f in self._meta.concrete_fields if not f.primary_key]
            kwargs["update_fields"] = [name for name in fields if name != "has_confidential_address"]
            if not kwargs["update_fields"]:
                return
        super().save(*args, **kwargs)

    @property
    def age(self):
        if not self.birth_year:
            return None
        return timezone.localdate().year - self.birth_year


class LifeDomainAssessment(RecordedInCase, GovernedItem):
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


class Incident(RecordedInCase, GovernedItem):
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


class Strength(RecordedInCase, GovernedItem):
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


class InvolvedService(RecordedInCase):
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


class LegalMeasure(RecordedInCase, GovernedItem):
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


class OtherTableDiscussion(RecordedInCase):
    """Other tables that discuss the household, so the picture stays the same everywhere."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="other_tables")
    table = models.CharField(_("overleg"), max_length=30, choices=OtherTable.choices)
    since = models.DateField(_("sinds"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ander overleg")
        verbose_name_plural = _("andere overleggen")
