from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The three phases of safety work (gefaseerde ketenzorg)."""

    IMMEDIATE_SAFETY = "immediate_safety", _("Directe veiligheid")
    STABLE_SAFETY = "stable_safety", _("Risicogestuurde zorg")
    RECOVERY = "recovery", _("Herstelgerichte zorg")


PHASE_ORDER = [Phase.IMMEDIATE_SAFETY, Phase.STABLE_SAFETY, Phase.RECOVERY]


class Step(models.TextChoices):
    """Where a guide item belongs: beforehand, or one of the BOB steps (with the scaling question)."""

    BEFORE = "before", _("Vooraf")
    PICTURE = "picture", _("Beeldvorming")
    SCALING = "scaling", _("Schaalvraag")
    JUDGEMENT = "judgement", _("Oordeelsvorming")
    DECISION = "decision", _("Besluitvorming")


class ItemKind(models.TextChoices):
    QUESTION = "question", _("Vraag")
    SUBQUESTION = "subquestion", _("Deelvraag")
    SCALING = "scaling", _("Schaalvraag")
    TOP3 = "top3", _("Top 3")
    PHASE_CHECK = "phase_check", _("Fasecheck")
    BOTTOM_LINES = "bottom_lines", _("Bodemeisen")
    BRAINSTORM = "brainstorm", _("Brainstorm")
    PRIORITIES = "priorities", _("Prioriteiten")
    WHO_WHAT_WHEN = "who_what_when", _("Wie doet wat en wanneer")
    AGREEMENTS = "agreements", _("Afspraken over samenwerking")
    CLOSURE_PLAN = "closure_plan", _("Afsluitingsplan")


class Scale(models.TextChoices):
    """The three scaling questions, one per phase."""

    IMMEDIATE_SAFETY = "immediate_safety", _("Zorgen over de directe veiligheid")
    STABLE_SAFETY = "stable_safety", _("Zorgen over de stabiele veiligheid")
    QUALITY_OF_LIFE = "quality_of_life", _("Kwaliteit van leven")


PHASE_SCALE = {
    Phase.IMMEDIATE_SAFETY: Scale.IMMEDIATE_SAFETY,
    Phase.STABLE_SAFETY: Scale.STABLE_SAFETY,
    Phase.RECOVERY: Scale.QUALITY_OF_LIFE,
}


class Top3Kind(models.TextChoices):
    INCIDENTS = "incidents", _("Top 3 geweldsincidenten: eerste, ergste en laatste")
    RISKS = "risks", _("Top 3 risico's")
    RECOVERY = "recovery", _("Top 3 herstelpunten")
    WORRIES = "worries", _("Top 3 zorgen")


PHASE_TOP3 = {
    Phase.IMMEDIATE_SAFETY: Top3Kind.WORRIES,
    Phase.STABLE_SAFETY: Top3Kind.RISKS,
    Phase.RECOVERY: Top3Kind.RECOVERY,
}
