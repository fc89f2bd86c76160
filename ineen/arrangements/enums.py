from django.db import models
from django.utils.translation import gettext_lazy as _


class DefaultProfile(models.TextChoices):
    """The five family profiles of seed 004 (Augeo's learning product): the starting set every safety house
    gets; each house edits names and descriptions, adds or retires profiles."""

    INTIMATE_TERROR = "intimate_terror", _("Intieme terreur")
    FAMILY_IN_STRESS = "family_in_stress", _("Gezin in de stress")
    CHILD_BEHAVIOUR = "child_behaviour", _("Kindgedrag en opvoedstress")
    LONG_TERM_CARE = "long_term_care", _("Langdurige zorg")
    CONFLICT_DIVORCE = "conflict_divorce", _("Conflictscheiding")


class OfferKind(models.TextChoices):
    """What a partner can offer and may do: help, a mandate, or a lever of one of the three legal tracks."""

    INTERVENTION = "intervention", _("Interventie of hulpaanbod")
    MANDATE = "mandate", _("Mandaat of bevoegdheid")
    CRIMINAL = "criminal", _("Strafrechtelijk middel")
    ADMINISTRATIVE = "administrative", _("Bestuursrechtelijk middel")
    CIVIL = "civil", _("Civielrechtelijk middel")


class ElementState(models.TextChoices):
    """Where a template element stands in a case's plan."""

    MISSING = "missing", _("Ontbreekt")
    PROPOSED = "proposed", _("Voorgesteld, wacht op akkoord")
    IN_PLAN = "in_plan", _("In het plan")
