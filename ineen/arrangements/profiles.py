"""The starting set of family profiles (seed 004: "vijf gezinsprofielen ... intieme terreur, gezin in de
stress, kindgedrag en opvoedstress, langdurige zorg en conflictscheidingen"). The descriptions are a short
working summary for the chair's choice; a safety house rewrites them in /beheer/."""

from django.utils.translation import gettext_lazy as _

from .enums import DefaultProfile

DESCRIPTIONS = {
    DefaultProfile.INTIMATE_TERROR: _(
        "Eén partner oefent stelselmatig macht en controle uit over de ander (dwingende controle). Het gevaar "
        "houdt vaak aan na een scheiding. Veiligheid en bescherming gaan voor."
    ),
    DefaultProfile.FAMILY_IN_STRESS: _(
        "Geweld ontstaat onder druk van opgestapelde problemen, zoals geld, huisvesting, werk of gezondheid. "
        "Minder druk en steun in het dagelijks leven zijn een deel van de veiligheid."
    ),
    DefaultProfile.CHILD_BEHAVIOUR: _(
        "Moeilijk gedrag van een kind en overbelaste ouders maken dat het thuis uit de hand loopt. "
        "Opvoedsteun en hulp voor het kind horen bij elkaar."
    ),
    DefaultProfile.LONG_TERM_CARE: _(
        "Een gezin met problemen op veel leefgebieden en al jaren veel hulpverlening, soms over generaties. "
        "Eén plan en volhouden zijn belangrijker dan nog een nieuwe hulpvorm."
    ),
    DefaultProfile.CONFLICT_DIVORCE: _(
        "Ouders in een vechtscheiding; de kinderen zitten klem tussen hun ouders. Afspraken over contact en "
        "de ouderrol vragen civiele en zorgpartners samen."
    ),
}


def ensure_default_profiles(house) -> int:
    """Give a safety house the five profiles it does not have yet (by origin). Returns how many were made."""
    from .models import FamilyProfile

    have = set(FamilyProfile.objects.filter(safety_house=house).values_list("origin", flat=True))
    made = [
        FamilyProfile(safety_house=house, origin=key, name=str(label), description=str(DESCRIPTIONS[key]), order=n)
        for n, (key, label) in enumerate(DefaultProfile.choices)
        if key not in have
    ]
    FamilyProfile.objects.bulk_create(made)
    return len(made)
