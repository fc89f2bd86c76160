from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The questionnaires (tables 4.1-4.4 of the research; ORS for well-being)."""

    CLIENT = "client", _("Cliënt over het overleg")
    PROFESSIONAL_SELF = "professional_self", _("Professional over de eigen ervaring")
    PROFESSIONAL_ESTIMATE = "professional_estimate", _("Professional over de ervaring van de cliënt")
    PROFESSIONAL_GUIDE = "professional_guide", _("Professional over de leidraad")
    WELLBEING = "wellbeing", _("Welzijn van de cliënt")


PROFESSIONAL_KINDS = [Kind.PROFESSIONAL_SELF, Kind.PROFESSIONAL_ESTIMATE, Kind.PROFESSIONAL_GUIDE]
CLIENT_KINDS = [Kind.CLIENT, Kind.WELLBEING]


class Channel(models.TextChoices):
    """How a response came in. A client's own link (issue 11, point 5) adds CLIENT_LINK without a migration
    of the data: the respondent is then the person and `filled_in_by` empty."""

    PROFESSIONAL_LINK = "professional_link", _("Via de link na het overleg")
    DEBRIEF = "debrief", _("Samen ingevuld bij het nagesprek")
    CLIENT_LINK = "client_link", _("Door de cliënt via de eigen link")
