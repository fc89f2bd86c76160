"""Demo data for client documents and wordings (issue 11, point 4): work phone numbers for the demo users
(so "my contact person" says how to reach them), the family's words for the actions and bottom lines of
casusregisseur@'s case (one action left without, so the prompt and the fallback show), a bottom line
that concerns the mother only, and the young person's own version of the guide, typed in from paper."""

from django.utils import timezone

from ineen.accounts.models import User
from ineen.households.enums import Relationship
from ineen.plans.enums import ActionStatus, Towards
from ineen.plans.models import BottomLine, PlanAction

from .demo import _case
from .enums import ConferenceState
from .models import Conference
from .own_guide import save_own_guide

# The family's words per kind of action (matched on the professionals' text), as the chair would write them at
# the table: what happens, for them, without organisation jargon; one text for every reader, so neither "u"
# nor "je".
WORDINGS = [
    ("verzuim", "We vragen de school waarom de jongste vaak niet op school is. En hoe we daarbij kunnen helpen."),
    ("huisbezoek", "Iemand komt bij jullie thuis. Samen lopen jullie het plan voor als het misgaat nog eens door."),
    ("schuld", "Iemand helpt met de rekeningen en de schulden, zodat er minder zorgen over geld zijn."),
    ("afspraken met school", "We praten met de ouders over de afspraken met school."),
    ("veiligheidsplan", "Samen een plan voor als het thuis misgaat: wie er dan belt, waar iedereen veilig is."),
    ("school", "We vragen de school hoe het met de kinderen gaat."),
    ("opvoed", "Er komt hulp bij het opvoeden: iemand die met de ouders meedenkt."),
    ("iag", "Er komt iemand bij jullie thuis om te helpen met de avonden en het naar bed gaan."),
]
GENERIC = "We doen dit om het thuis veiliger te maken. De contactpersoon vertelt er meer over."


def _wording(what):
    text = what.lower()
    return next((words for key, words in WORDINGS if key in text), GENERIC)


def seed(users):
    # Fictional numbers in the range kept for drama and examples (06-... are real): 070-3xx xx xx.
    for i, user in enumerate(sorted(users.values(), key=lambda u: u.pk)):
        User.objects.filter(pk=user.pk).update(work_phone=f"070 - 300 {10 + i:02d} {20 + i:02d}")
    director = users["casusregisseur"]
    case = _case(director)
    if case is None:
        return
    owner = case.team.exclude(user=director).select_related("user__organisation").first()
    owner = owner.user if owner else director
    today = timezone.localdate()
    # Runs after the other demo modules (seed_demo), so every family action of the case is here by now.
    actions = list(
        PlanAction.objects.filter(case=case, towards=Towards.FAMILY)
        .exclude(status__in=(ActionStatus.CANCELLED, ActionStatus.CARRIED_OVER))
        .order_by("pk")
    )
    if len(actions) < 2:  # give the plan something to word
        for what in ("Veiligheidsplan opstellen met moeder (signaleringsplan, netwerkberaad).", "Inzet IAG gezin."):
            actions.append(
                PlanAction.objects.create(
                    case=case,
                    what=what,
                    owner=owner,
                    owner_organisation=owner.organisation,
                    due_on=today + timezone.timedelta(days=21),
                    towards=Towards.FAMILY,
                )
            )
    # All but the last get words: the last shows the workspace's prompt and the documents' fallback.
    for action in actions[:-1]:
        text = _wording(action.what)
        PlanAction.objects.filter(pk=action.pk).update(client_wording=text)
    mother = case.household.members.filter(relationship=Relationship.PARENT).order_by("pk").first()
    line = BottomLine.objects.filter(case=case).order_by("pk").first()
    if line is None:
        line = BottomLine.objects.create(
            case=case,
            text="Geen fysiek geweld in aanwezigheid van de kinderen; bij signalen direct melding.",
            guardian=director,
            guardian_organisation=director.organisation,
            on_breach="Opschalen naar de procesregisseur; beschermingsonderzoek overwegen.",
        )
    BottomLine.objects.filter(pk=line.pk).update(
        client_wording="U zorgt dat de kinderen veilig zijn. Als er thuis geslagen wordt, belt u meteen de politie."
    )
    if mother is not None:
        line.concerns.set([mother])
    # The other bottom lines concern the whole household (no concerns): in the family's words too.
    BottomLine.objects.filter(case=case, client_wording="").exclude(pk=line.pk).update(
        client_wording="Niemand in huis slaat, schopt of dreigt. Gebeurt het toch, dan grijpen we meteen in."
    )
    coming = Conference.objects.filter(case=case, state=ConferenceState.PLANNED).order_by("starts_at").first()
    young = (
        case.household.members.filter(relationship__in=(Relationship.CHILD, Relationship.CHILD_EARLIER))
        .order_by("birth_year")
        .first()
    )
    if coming is not None and young is not None:
        save_own_guide(
            actor=director,
            conference=coming,
            person=young,
            worries="Dat papa en mama weer ruzie maken als ik op voetbal ben.",
            going_well="Op school gaat het goed. Met oma kan ik praten.",
            needs="Dat iemand zegt wat er gaat gebeuren.",
            ideas="Dat ik bij oma kan slapen als het thuis onrustig is.",
        )
