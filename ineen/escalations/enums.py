from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Why the plan is stuck. The first four point at the system (the barrier register counts them)."""

    WAITING_LIST = "waiting_list", _("Wachtlijst")
    NO_MANDATE = "no_mandate", _("Geen mandaat")
    NO_BUDGET = "no_budget", _("Geen budget")
    RULES = "rules", _("Regels staan in de weg")
    BOTTOM_LINE = "bottom_line", _("Bodemeis niet nagekomen")
    OTHER = "other", _("Anders")


SYSTEM_CATEGORIES = (Category.WAITING_LIST, Category.NO_MANDATE, Category.NO_BUDGET, Category.RULES)


class EscalationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In behandeling")
    RESOLVED = "resolved", _("Opgelost")
    NOT_RESOLVED = "not_resolved", _("Niet opgelost")


FINISHED = (EscalationStatus.RESOLVED, EscalationStatus.NOT_RESOLVED)
