from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    REFERRED = "referred", _("Aangemeld")
    IN_TRIAGE = "in_triage", _("In weegoverleg")
    ACTIVE = "active", _("Actief")
    CLOSED = "closed", _("Afgesloten")


# The state machine: from -> allowed targets. Reopening (closed -> active) keeps all history.
TRANSITIONS = {
    CaseState.REFERRED: {CaseState.IN_TRIAGE, CaseState.CLOSED},
    CaseState.IN_TRIAGE: {CaseState.ACTIVE, CaseState.CLOSED},
    CaseState.ACTIVE: {CaseState.CLOSED},
    CaseState.CLOSED: {CaseState.ACTIVE},
}


class Route(models.TextChoices):
    REGULAR = "regular", _("Reguliere aanpak")
    MDA = "mda", _("MDA++")


class TriageDecision(models.TextChoices):
    ACCEPT = "accept", _("Oppakken")
    DECLINE = "decline", _("Niet oppakken")
    # Outcomes of the standing triage meeting beyond accept/decline (issue 10): the case is not taken up
    # here (it closes like a decline) but the referrer gets advice or is told where it went.
    ADVICE = "advice", _("Advies aan de aanmelder")
    REFERRED_ELSEWHERE = "elsewhere", _("Doorverwezen naar een andere organisatie")


class ClientsInformed(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    UNKNOWN = "unknown", _("Weet ik niet")


class RiskFactor(models.TextChoices):
    INTELLECTUAL_DISABILITY = "intellectual_disability", _("(Licht) verstandelijke beperking")
    SUBSTANCE_ABUSE = "substance_abuse", _("Middelengebruik / verslaving")
    EARLIER_VIOLENCE = "earlier_violence", _("Eerder geweld")
    MENTAL_HEALTH = "mental_health", _("Psychische problemen")
    WEAPONS = "weapons", _("Wapenbezit of dreiging met wapens")
    SEPARATION = "separation", _("(Recente) scheiding")
    STALKING = "stalking", _("Stalking")
    PREGNANCY = "pregnancy", _("Zwangerschap")
    FINANCIAL_STRESS = "financial_stress", _("Financiële problemen / schulden")
    ISOLATION = "isolation", _("Sociaal isolement")
    CHILDREN_UNSAFE = "children_unsafe", _("Kinderen onveilig")


class TeamRole(models.TextChoices):
    CASE_DIRECTOR = "case_director", _("Casusregisseur")
    PROFESSIONAL = "professional", _("Betrokken professional")
    EXPERT = "expert", _("Materiedeskundige")
