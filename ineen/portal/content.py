"""What a client sees through their own access: only about their own person and case, read from the session's
access (never from the URL). Items go through policy.client_items_q (the strictest rule: "may be shown to the
client", about this person or the whole household, nothing about another member under protection)."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ineen.access import policy
from ineen.audit import events
from ineen.audit.models import Action
from ineen.conferences.enums import ConferenceState
from ineen.conferences.models import Conference, Invitation
from ineen.conferences.report import informal
from ineen.evaluations import actions as evaluation_actions

from .actions import PURPOSE, subject


def record_read(request, what: str, action=Action.VIEW):
    """The audit event of a portal page (same transaction: ATOMIC_REQUESTS)."""
    events.record(
        actor=request.client_actor,
        action=action,
        subject=subject(request.client_access),
        purpose=PURPOSE,
        detail=what,
    )


def next_meeting(access):
    """The next planned conference this member is invited to: date and time only. A member who is not
    invited does not learn when (or that) the others meet: it could tell where someone will be."""
    invited = Invitation.objects.filter(person=access.person).values("conference_id")
    return (
        Conference.objects.filter(
            case=access.case, state=ConferenceState.PLANNED, starts_at__gte=timezone.now(), pk__in=invited
        )
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )


def coming_conference(access):
    """The conference this member prepares for: the live one, or the next planned one (from today on), of
    their own case, that they themselves are invited to. None otherwise: a member who is not invited gets
    no invitation, no preparation and no scores (and does not learn that the others meet)."""
    invited = Invitation.objects.filter(person=access.person).values("conference_id")
    today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    return (
        Conference.objects.filter(case=access.case, pk__in=invited)
        .filter(Q(state=ConferenceState.LIVE) | Q(state=ConferenceState.PLANNED, starts_at__gte=today))
        .select_related("case__household", "case__safety_house", "chair__organisation")
        .order_by("starts_at", "pk")
        .first()
    )


def conference_to_evaluate(access):
    """The last ended conference of the case this member was invited to, if they have not evaluated it yet."""
    conference = (
        Conference.objects.filter(case=access.case, state=ConferenceState.ENDED, invitations__person=access.person)
        .select_related("case__household", "case__safety_house")
        .order_by("-starts_at")
        .first()
    )
    if conference is None or evaluation_actions.already_answered(conference, person=access.person):
        return None
    return conference


def sections(access, conference=None) -> list[dict]:
    """The home page's list of what the client can do: {"title", "text", "url"}. My plan, how the meeting
    goes and "Klopt er iets niet?" always; the invitation, the preparation and the scores only when there
    is a coming conference this member is invited to (`conference`: coming_conference, when already
    loaded); the evaluation when one is open."""
    you = informal(access.person)
    rows = [
        {
            "title": _("Mijn plan"),
            "text": _("Lees wat we samen hebben afgesproken. Wie doet wat, en wanneer."),
            "url": reverse("portal:plan"),
        },
    ]
    if conference is None:
        conference = coming_conference(access)
    if conference is not None:
        rows += [
            {
                "title": _("Uitnodiging"),
                "text": _("Wanneer en waar is het gesprek? Wie zijn er?"),
                "url": reverse("portal:invitation"),
            },
            {
                "title": _("Mijn voorbereiding"),
                "text": _("Schrijf op wat jij wilt zeggen in het gesprek.")
                if you
                else _("Schrijf op wat u wilt zeggen in het gesprek."),
                "url": reverse("portal:preparation"),
            },
            {
                "title": _("Mijn cijfers"),
                "text": _("Geef een cijfer: hoe veilig voel je je, en hoe gaat het met je leven?")
                if you
                else _("Geef een cijfer: hoe veilig voelt u zich, en hoe gaat het met uw leven?"),
                "url": reverse("portal:scores"),
            },
        ]
    rows += [
        {
            "title": _("Zo gaat het gesprek"),
            "text": _("Wat gebeurt er in het gesprek? Stap voor stap."),
            "url": reverse("portal:how_it_goes"),
        },
        {
            "title": _("Klopt er iets niet?"),
            "text": _("Zie je iets over jou dat niet klopt of oud is? Zeg het hier.")
            if you
            else _("Ziet u iets over u dat niet klopt of oud is? Zeg het hier."),
            "url": reverse("portal:dispute"),
        },
    ]
    if conference_to_evaluate(access) is not None:
        rows.append(
            {
                "title": _("Hoe ging het overleg?"),
                "text": _("Geef cijfers over het laatste overleg. Dat helpt ons.")
                if you
                else _("Geeft u cijfers over het laatste overleg. Dat helpt ons."),
                "url": reverse("portal:evaluation"),
            }
        )
    return rows


# --- "Klopt er iets niet?": the items the client may see and dispute -------------------------------------

LABELS = {
    "notitie": gettext_lazy("Notitie"),
    "incident": gettext_lazy("Gebeurtenis"),
    "leefgebied": gettext_lazy("Leefgebied"),
    "krachtbron": gettext_lazy("Wat goed gaat"),
    "maatregel": gettext_lazy("Maatregel"),
    "bijlage": gettext_lazy("Document"),
}


def disputable_items(access) -> list:
    """Every item about this member that may be shown to them, each with `.portal_key` ("kind:public_id",
    the only thing the form sends back), `.portal_label` and `.portal_text`."""
    from django.apps import apps

    case, person = access.case, access.person
    found = []
    for kind, (label, field) in policy.DISPUTABLE.items():
        model = apps.get_model(label)
        queryset = model._default_manager.filter(policy.client_items_q(model, person))
        if hasattr(model, "recorded_in"):
            queryset = policy.household_records(case, queryset.filter(household_id=case.household_id))
        else:
            queryset = queryset.filter(case=case)
        for item in queryset.order_by("pk"):
            item.portal_key = f"{kind}:{item.public_id}"
            item.portal_label = str(LABELS[kind])
            if kind == "leefgebied":
                item.portal_label = f"{LABELS[kind]}: {item.get_domain_display()}"
            elif kind == "maatregel":
                item.portal_label = f"{LABELS[kind]}: {item.get_kind_display()}"
            item.portal_text = getattr(item, field) if field else getattr(item, "title", "")
            found.append(item)
    return found
