"""Demo data for profiles, arrangements and the catalogue (issue 13, point 5): the catalogue of ZVH
Haaglanden's partners (help, mandates, and the criminal, administrative and civil levers), an example
arrangement for "Intieme terreur" entered as a safety house would (the research names the idea, not the
content: this one is invented for the demo), casusregisseur@'s case given that profile with a reason, and
the arrangement applied in part: two elements in the plan, one proposed and waiting for the owner's answer,
one mandatory element still missing, so the warning shows on the plan page."""

from django.utils import timezone

from ineen.accounts.models import Organisation, SafetyHouse
from ineen.conferences.demo import _case
from ineen.plans.enums import ActionType, Towards

from . import actions
from .enums import DefaultProfile, OfferKind
from .models import ArrangementElement, ArrangementTemplate, FamilyProfile, PartnerOffer

OFFERS = [
    (
        "Politie Eenheid Den Haag",
        OfferKind.CRIMINAL,
        "Aanhouding en aangifte opnemen",
        "Bij een strafbaar feit; ook ambtshalve vervolgen zonder aangifte van het slachtoffer.",
    ),
    (
        "Politie Eenheid Den Haag",
        OfferKind.INTERVENTION,
        "Alarmknop (AWARE) aanvragen",
        "Voor een slachtoffer dat ernstig bedreigd wordt door een (ex-)partner.",
    ),
    (
        "Openbaar Ministerie Den Haag",
        OfferKind.CRIMINAL,
        "Contact- en locatieverbod als bijzondere voorwaarde",
        "Bij een voorwaardelijke straf of schorsing van voorarrest; toezicht door de reclassering.",
    ),
    (
        "Reclassering Nederland",
        OfferKind.MANDATE,
        "Toezicht op bijzondere voorwaarden",
        "Meldt overtredingen direct aan het OM; adviseert over risico (RISc).",
    ),
    (
        "Gemeente Den Haag",
        OfferKind.ADMINISTRATIVE,
        "Tijdelijk huisverbod",
        "De burgemeester legt het op voor 10 dagen, te verlengen tot 28 dagen; hulp start direct.",
    ),
    (
        "Gemeente Den Haag",
        OfferKind.INTERVENTION,
        "Schuldhulpverlening met voorrang",
        "Binnen twee weken een eerste gesprek bij een casus van het Zorg- en Veiligheidshuis.",
    ),
    (
        "Raad voor de Kinderbescherming",
        OfferKind.CIVIL,
        "Verzoek om ondertoezichtstelling",
        "Raadsonderzoek en verzoek aan de kinderrechter als vrijwillige hulp niet genoeg is.",
    ),
    (
        "Jeugdbescherming west",
        OfferKind.MANDATE,
        "Gezinsvoogdij bij een ondertoezichtstelling",
        "Geeft schriftelijke aanwijzingen aan ouders.",
    ),
    (
        "Veilig Thuis Haaglanden",
        OfferKind.INTERVENTION,
        "Veiligheidsplan met het gezin",
        "Samen met het gezin: wie belt wie, waar is iedereen veilig.",
    ),
    (
        "De Waag Nederland",
        OfferKind.INTERVENTION,
        "Behandeling bij partnergeweld (plegers)",
        "Ambulante forensische behandeling, ook in een gedwongen kader.",
    ),
    (
        "Perspektief",
        OfferKind.INTERVENTION,
        "Gespecialiseerde hulp bij huiselijk geweld",
        "Voor slachtoffers en kinderen; ook na de opvang.",
    ),
]

ELEMENTS = [
    (
        "Veiligheidsplan met het slachtoffer en de kinderen, binnen twee weken",
        True,
        ActionType.ACTION,
        Towards.FAMILY,
        2,
        "Veiligheidsplan met het gezin",
    ),
    (
        "Risicotaxatie van de pleger, gedeeld met het casusteam",
        True,
        ActionType.INFORMATION_EXCHANGE,
        Towards.PROFESSIONALS,
        3,
        "Toezicht op bijzondere voorwaarden",
    ),
    (
        "Behandeling van de pleger, met toezicht",
        True,
        ActionType.ACTION,
        Towards.FAMILY,
        6,
        "Behandeling bij partnergeweld (plegers)",
    ),
    (
        "Een alarmknop bespreken met het slachtoffer",
        False,
        ActionType.ACTION,
        Towards.FAMILY,
        1,
        "Alarmknop (AWARE) aanvragen",
    ),
    (
        "Nieuw overleg binnen zes weken om de veiligheid opnieuw te schalen",
        True,
        ActionType.NEW_MEETING,
        Towards.PROFESSIONALS,
        6,
        None,
    ),
]


def seed(users):
    house = SafetyHouse.objects.get(code="hgl")
    orgs = {o.name: o for o in Organisation.objects.filter(safety_houses=house)}
    offers = {}
    for org_name, kind, name, description in OFFERS:
        if org_name in orgs:
            offers[name] = PartnerOffer.objects.create(
                safety_house=house, organisation=orgs[org_name], kind=kind, name=name, description=description
            )
    profile = FamilyProfile.objects.get(safety_house=house, origin=DefaultProfile.INTIMATE_TERROR)
    template = ArrangementTemplate.objects.create(
        profile=profile,
        name="Basisarrangement intieme terreur (voorbeeld)",
        description="Een voorbeeld voor de demo: de onderdelen die bij dit profiel altijd in het plan staan.",
    )
    elements = [
        ArrangementElement.objects.create(
            template=template,
            what=what,
            mandatory=mandatory,
            action_type=kind,
            towards=towards,
            weeks=weeks,
            offer=offers.get(offer) if offer else None,
            order=n,
        )
        for n, (what, mandatory, kind, towards, weeks, offer) in enumerate(ELEMENTS)
    ]
    director = users["casusregisseur"]
    case = _case(director)
    if case is None:
        return
    actions.assign_profile(
        case=case,
        actor=director,
        profile=profile,
        reason="Eén partner houdt de ander al jaren onder controle: geld, telefoon, wie zij mag zien. "
        "Na de scheiding gaan de bedreigingen door.",
        seen=actions.seen_token(None),
    )
    from ineen.plans.changes import active_team_user_ids

    team = active_team_user_ids(case)
    other = next((uid for uid in team if uid != director.pk), None)
    today = timezone.localdate()
    owner_other = type(director).objects.get(pk=other) if other else director
    choices = [
        (elements[0], director, today + timezone.timedelta(weeks=2)),  # the director's own: in the plan at once
        (elements[4], director, today + timezone.timedelta(weeks=6)),
        (elements[2], owner_other, today + timezone.timedelta(weeks=6)),  # waits for the owner's answer
    ]
    actions.apply_template(case=case, actor=director, template=template, choices=choices)
    # elements[1] (mandatory) stays missing: the plan page shows the warning.
