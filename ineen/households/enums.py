from django.db import models
from django.utils.translation import gettext_lazy as _


class Relationship(models.TextChoices):
    """Position in the household; deliberately no "perpetrator/victim" label (roles are per incident)."""

    PARENT = "parent", _("Ouder / verzorger")
    PARTNER = "partner", _("Partner")
    EX_PARTNER = "ex_partner", _("Ex-partner")
    CHILD = "child", _("Kind")
    CHILD_EARLIER = "child_earlier", _("Kind uit eerdere relatie")
    STEP_PARENT = "step_parent", _("Stiefouder")
    GRANDPARENT = "grandparent", _("Grootouder")
    OTHER_RELATIVE = "other_relative", _("Ander familielid")
    OTHER = "other", _("Andere huisgenoot")


class LifeDomain(models.TextChoices):
    WORK = "work", _("Werk")
    LEISURE = "leisure", _("Zinvolle (vrije)tijdsbesteding")
    FINANCES = "finances", _("Financiën")
    HOUSING = "housing", _("Huisvesting")
    PARENTING = "parenting", _("Opvoeden / opgroeien kinderen")
    SOCIAL_NETWORK = "social_network", _("Sociaal netwerk")
    CRIME = "crime", _("Criminaliteit")
    MENTAL_HEALTH = "mental_health", _("Ggz-problematiek")
    INTELLECTUAL_DISABILITY = "intellectual_disability", _("(Licht) verstandelijke beperking")
    HEALTH = "health", _("Gezondheid")
    EDUCATION = "education", _("Onderwijs / opleiding")
    ADDICTION = "addiction", _("Verslaving / middelengebruik")
    ROMANTIC_RELATIONSHIPS = "romantic_relationships", _("Romantische relaties")
    INTERGENERATIONAL = "intergenerational", _("Intergenerationele overdracht van geweld")


class Concern(models.TextChoices):
    NONE = "none", _("Geen zorgen")
    SOME = "some", _("Enige zorgen")
    SERIOUS = "serious", _("Ernstige zorgen")
    UNKNOWN = "unknown", _("Onbekend")


class ViolenceType(models.TextChoices):
    PHYSICAL = "physical", _("Fysiek")
    EMOTIONAL = "emotional", _("Emotioneel / psychisch")
    WITNESS = "witness", _("Getuige van huiselijk geweld")
    STALKING = "stalking", _("Stalking")
    SEXUAL = "sexual", _("Seksueel")
    THREAT = "threat", _("Bedreiging")
    NEGLECT = "neglect", _("Verwaarlozing")
    HONOUR_RELATED = "honour_related", _("Eergerelateerd geweld")
    CHILD_TO_PARENT = "child_to_parent", _("Kind-oudergeweld")
    CHILD_ABDUCTION = "child_abduction", _("(Dreigende) kinderontvoering")
    OTHER = "other", _("Anders")


class IncidentRole(models.TextChoices):
    """Who did what to whom, per incident."""

    USED_VIOLENCE = "used_violence", _("Heeft geweld gebruikt")
    EXPERIENCED = "experienced", _("Heeft geweld meegemaakt")
    WITNESSED = "witnessed", _("Was getuige")
    MUTUAL = "mutual", _("Over en weer")
    OTHER = "other", _("Anders betrokken")


class MeasureCategory(models.TextChoices):
    CRIMINAL = "criminal", _("Strafrechtelijk")
    CIVIL = "civil", _("Civielrechtelijk")
    ADMINISTRATIVE = "administrative", _("Bestuursrechtelijk")


class MeasureKind(models.TextChoices):
    PROBATION_SUPERVISION = "probation_supervision", _("Reclasseringstoezicht")
    CONTACT_BAN = "contact_ban", _("Contactverbod")
    AREA_BAN = "area_ban", _("Gebiedsverbod")
    PRISON = "prison", _("Gevangenisstraf")
    COMMUNITY_SERVICE = "community_service", _("Taakstraf")
    FORENSIC_ADMISSION = "forensic_admission", _("Forensische opname")
    ISD = "isd", _("ISD-maatregel")
    SPECIAL_CONDITIONS = "special_conditions", _("Bijzondere voorwaarden")
    SUPERVISION_ORDER = "supervision_order", _("Ondertoezichtstelling")
    OUT_OF_HOME = "out_of_home", _("Machtiging uithuisplaatsing")
    GUARDIANSHIP = "guardianship", _("Curatele / bewindvoering")
    CUSTODY = "custody", _("Gezagsmaatregel")
    RESTRAINING_ORDER = "restraining_order", _("Huisverbod")
    CONTACT_ARRANGEMENT = "contact_arrangement", _("Omgangsregeling")
    COMPULSORY_MENTAL_HEALTH_CARE = "compulsory_mental_health_care", _("Verplichte ggz (Wvggz)")
    BENEFIT_WITHDRAWAL = "benefit_withdrawal", _("Intrekken / stopzetten uitkering")
    OTHER = "other", _("Anders")


MEASURE_CATEGORY = {
    MeasureKind.PROBATION_SUPERVISION: MeasureCategory.CRIMINAL,
    MeasureKind.CONTACT_BAN: MeasureCategory.CRIMINAL,
    MeasureKind.AREA_BAN: MeasureCategory.CRIMINAL,
    MeasureKind.PRISON: MeasureCategory.CRIMINAL,
    MeasureKind.COMMUNITY_SERVICE: MeasureCategory.CRIMINAL,
    MeasureKind.FORENSIC_ADMISSION: MeasureCategory.CRIMINAL,
    MeasureKind.ISD: MeasureCategory.CRIMINAL,
    MeasureKind.SPECIAL_CONDITIONS: MeasureCategory.CRIMINAL,
    MeasureKind.SUPERVISION_ORDER: MeasureCategory.CIVIL,
    MeasureKind.OUT_OF_HOME: MeasureCategory.CIVIL,
    MeasureKind.GUARDIANSHIP: MeasureCategory.CIVIL,
    MeasureKind.CUSTODY: MeasureCategory.CIVIL,
    MeasureKind.RESTRAINING_ORDER: MeasureCategory.ADMINISTRATIVE,
    MeasureKind.CONTACT_ARRANGEMENT: MeasureCategory.CIVIL,  # set or changed by the family court
    MeasureKind.COMPULSORY_MENTAL_HEALTH_CARE: MeasureCategory.CIVIL,  # Wvggz: a court order (zorgmachtiging)
    MeasureKind.BENEFIT_WITHDRAWAL: MeasureCategory.ADMINISTRATIVE,
}


class OtherTable(models.TextChoices):
    ZSM = "zsm", _("ZSM-tafel")
    YOUTH_PROTECTION = "youth_protection", _("Jeugdbeschermingstafel")
    YOUTH_AT_RISK = "youth_at_risk", _("Risicojongerenoverleg")
    CIT = "cit", _("Crisis Interventie Team (CIT) van de politie")
    SAFETY_HOUSE_OTHER = "safety_house_other", _("Ander ZVH-overleg")
    OTHER = "other", _("Anders")
