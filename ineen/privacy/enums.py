from django.db import models
from django.utils.translation import gettext_lazy as _


class Basis(models.TextChoices):
    """On what ground the information may be shared at the table (covenant rules)."""

    COVENANT = "covenant", _("Convenant")
    CONSENT = "consent", _("Toestemming van de cliënt")
    BREACH_OF_SECRECY = "breach_of_secrecy", _("Doorbreking beroepsgeheim")
    LEGAL_DUTY = "legal_duty", _("Wettelijke plicht")


class Visibility(models.TextChoices):
    TEAM = "team", _("Casusteam")
    NAMED_ORGANISATIONS = "named_organisations", _("Alleen genoemde organisaties")
    SOURCE_ONLY = "source_only", _("Alleen eigen organisatie (anderen zien: er is informatie)")
    CLIENT_SHAREABLE = "client_shareable", _("Casusteam, en mag met de cliënt gedeeld worden")


class ConsentPurpose(models.TextChoices):
    CASE_CONFERENCE = "case_conference", _("Delen met het casusteam van het Zorg- en Veiligheidshuis")
    HEALTH_INFORMATION = "health_information", _("Delen van medische of ggz-informatie met het casusteam")


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Schriftelijk")
    VERBAL = "verbal", _("Mondeling (vastgelegd door professional)")
    DIGITAL = "digital", _("Digitaal")


# Life domains whose content is medical or mental-health information: needs consent, a justified
# breach of professional secrecy or a legal duty; the covenant alone is not enough.
HEALTH_DOMAINS = {"mental_health", "health", "addiction", "intellectual_disability"}


class BreakGlassReason(models.TextChoices):
    """Why emergency access was needed (a short list, so that the chair can compare uses)."""

    CHILD_IN_DANGER = "child_in_danger", _("Acuut gevaar voor een kind")
    ADULT_IN_DANGER = "adult_in_danger", _("Acuut gevaar voor een volwassene")
    OUT_OF_HOURS = "out_of_hours", _("Crisis buiten kantoortijd, niemand van het casusteam bereikbaar")
    LEGAL_DUTY = "legal_duty", _("Wettelijke plicht of bevel van de rechter")
    OTHER = "other", _("Anders")


class BreakGlassVerdict(models.TextChoices):
    """The chair's review of one use of emergency access."""

    JUSTIFIED = "justified", _("Terecht")
    NOT_JUSTIFIED = "not_justified", _("Niet terecht")
    DISCUSS = "discuss", _("Bespreken")


class Nature(models.TextChoices):
    """What kind of statement an item is (issue 11, point 10: clients' most named problem is worries
    read as facts). Rows from before this field are "not indicated", never silently "fact"."""

    NOT_INDICATED = "not_indicated", _("Niet aangegeven (feit of zorg)")
    FACT = "fact", _("Feit")
    WORRY = "worry", _("Zorg, nog te onderbouwen")
    OPINION = "opinion", _("Mening of inschatting")


class DisputeKind(models.TextChoices):
    DISPUTED = "disputed", _("Klopt niet")
    OUTDATED = "outdated", _("Is verouderd")


class DisputeState(models.TextChoices):
    PENDING = "pending", _("Wacht op de bron")
    CONFIRMED = "confirmed", _("Bevestigd door de bron")
    CORRECTED = "corrected", _("Gecorrigeerd door de bron")
    WITHDRAWN = "withdrawn", _("Ingetrokken door de bron")


class RaisedVia(models.TextChoices):
    """Through whom the household member raised it: a professional today; their own access later."""

    PROFESSIONAL = "professional", _("Via een professional")
    CLIENT = "client", _("Door de cliënt zelf")
