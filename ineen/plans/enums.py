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


class ChangeKind(models.TextChoices):
    NEW_ACTION = "new_action", _("Nieuwe actie")
    ACTION_CHANGE = "action_change", _("Andere eigenaar of datum")
    DROP_ACTION = "drop_action", _("Actie laten vervallen")
    BOTTOM_LINE = "bottom_line", _("Bodemeis wijzigen")


class ChangeState(models.TextChoices):
    OPEN = "open", _("Wacht op reacties")
    APPLIED = "applied", _("Doorgevoerd")
    OBJECTED = "objected", _("Bezwaar: naar het volgende overleg")
    OUTDATED = "outdated", _("Plan intussen anders gewijzigd: naar het volgende overleg")


class Answer(models.TextChoices):
    AGREE = "agree", _("Akkoord")
    OBJECT = "object", _("Bezwaar")
