"""Which record of a safety house's old case files became which row in Ineen (issue 13, point 4)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecordKind(models.TextChoices):
    HOUSEHOLD = "household", _("Huishouden")
    PERSON = "person", _("Gezinslid")
    LIFE_DOMAIN = "life_domain", _("Leefgebied")
    INCIDENT = "incident", _("Incident")
    MEASURE = "measure", _("Maatregel")
    CONFERENCE = "conference", _("Overleg")
    AGREEMENT = "agreement", _("Afspraak")


class ImportedRecord(models.Model):
    """The house's own file or record number of an imported record, and the row it became. Unique per
    house and kind: importing the same file again finds every reference here and creates nothing
    (idempotent). `object_id` is the pk of the row in the kind's model (RecordKind -> model in
    imports/loading.py); `case` is the case the household's records were imported into."""

    safety_house = models.ForeignKey("accounts.SafetyHouse", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    reference = models.CharField(_("bronkenmerk"), max_length=100)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("geïmporteerd record")
        verbose_name_plural = _("geïmporteerde records")
        constraints = [
            models.UniqueConstraint(fields=["safety_house", "kind", "reference"], name="one_import_per_reference"),
        ]
