from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionType(models.TextChoices):
    INFORMATION_EXCHANGE = "information_exchange", _("Informatie uitwisselen")
    ACTION = "action", _("Actie")
    NEW_MEETING = "new_meeting", _("Nieuw overleg")


class Towards(models.TextChoices):
    PROFESSIONALS = "professionals", _("Richting professionals")
    FAMILY = "family", _("Richting het gezin")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Gedaan")
    CANCELLED = "cancelled", _("Vervallen")
    CARRIED_OVER = "carried_over", _("Doorgeschoven")


class BottomLineStatus(models.TextChoices):
    ACTIVE = "active", _("Geldt")
    BREACHED = "breached", _("Niet nagekomen")
    ENDED = "ended", _("Vervallen")
