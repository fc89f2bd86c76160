from django.db import models
from django.utils.translation import gettext_lazy as _


class ConferenceKind(models.TextChoices):
    TRIAGE = "triage", _("Weegoverleg")
    FOCUS = "focus", _("Focusoverleg")
    MDA = "mda", _("MDA++-overleg")


class ConferenceState(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    LIVE = "live", _("Bezig")
    ENDED = "ended", _("Afgelopen")
    CANCELLED = "cancelled", _("Geannuleerd")


class PartKind(models.TextChoices):
    WHOLE = "whole", _("Hele overleg")
    CLOSED = "closed", _("Besloten deel (zonder cliënten)")
    OPEN = "open", _("Open deel (met cliënten)")
    # Issue 11, point 9: the young person heard on their own; only young people and professionals.
    YOUTH = "youth", _("Eigen deel jongere (zonder ouders)")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Nog niet bekend")
    PHYSICAL = "physical", _("Aanwezig")
    ONLINE = "online", _("Online aanwezig")
    ABSENT = "absent", _("Afwezig")
    ABSENT_WITH_INPUT = "absent_with_input", _("Afwezig, met schriftelijke inbreng")


class LiveStep(models.TextChoices):
    """Where the live meeting is: the BOB steps kept apart."""

    OPENING = "opening", _("Opening")
    PICTURE = "picture", _("Beeldvorming")
    JUDGEMENT = "judgement", _("Oordeelsvorming")
    DECISION = "decision", _("Besluitvorming")
    CLOSED = "closed", _("Afgerond")


LIVE_STEP_ORDER = [LiveStep.OPENING, LiveStep.PICTURE, LiveStep.JUDGEMENT, LiveStep.DECISION, LiveStep.CLOSED]
DEFAULT_BUDGETS = {"picture": 30, "judgement": 20, "decision": 30}  # minutes; besluitvorming keeps its time


class ContributionKind(models.TextChoices):
    WORRY = "worry", _("Zorg")
    RISK = "risk", _("Risico")
    RECOVERY_POINT = "recovery_point", _("Herstelpunt")
    OFFER = "offer", _("Wat kan mijn organisatie bieden?")
    EXPECT = "expect", _("Wat verwacht ik van anderen?")
    OUT_OF_THE_BOX = "out_of_the_box", _("Out-of-the-box idee")


BRAINSTORM_KINDS = [ContributionKind.OFFER, ContributionKind.EXPECT, ContributionKind.OUT_OF_THE_BOX]


class IncidentMarkKind(models.TextChoices):
    FIRST = "first", _("Eerste")
    WORST = "worst", _("Ergste")
    LATEST = "latest", _("Laatste")


class PhaseDecisionKind(models.TextChoices):
    STAY = "stay", _("Blijven in deze fase")
    FORWARD = "forward", _("Door naar de volgende fase")
    BACK = "back", _("Terug naar een eerdere fase")
    CLOSE = "close", _("Afsluiten met een afsluitingsplan")


class Horizon(models.TextChoices):
    SHORT = "short", _("Korte termijn")
    LONG = "long", _("Lange termijn")


class ComingAs(models.TextChoices):
    """How a household member says, in the preparation talk, they will take part."""

    IN_PERSON = "in_person", _("Komt aan tafel")
    ONLINE = "online", _("Doet online mee")
    NOT_ATTENDING = "not_attending", _("Komt niet")


class FollowUpKind(models.TextChoices):
    DEBRIEF = "debrief", _("Nabespreking")
    FEEDBACK = "feedback", _("Terugkoppeling")


# Attendance values that count as "there" (the client could be heard) and as "recorded".
PRESENT = (Attendance.PHYSICAL, Attendance.ONLINE)


class SelfRatingQuestion(models.TextChoices):
    """The scaling questions a household member answers for themselves (1 = not at all, 10 = fully)."""

    SAFETY = "safety", _("Eigen veiligheid")
    LIFE = "life", _("Hoe het gaat met het leven")


class SelfRatingChannel(models.TextChoices):
    AT_CONFERENCE = "conference", _("Aan tafel, tijdens het overleg")
    PREPARATION = "preparation", _("In het voorbereidend gesprek")
    OWN_ACCESS = "own_access", _("Zelf, via de eigen toegang")
