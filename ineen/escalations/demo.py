"""Demo data of escalation (called from seed_demo): a GGZ manager with an open escalation (waiting list),
a bottom line breached with its consequence action, and enough earlier escalations for the barrier register
to show counts (and "<5" where there are few)."""

from datetime import timedelta

from django.utils import timezone

from ineen.accounts.models import User
from ineen.cases.enums import CaseState
from ineen.cases.models import Case
from ineen.plans.models import BottomLine

from . import actions
from .enums import Category, EscalationStatus
from .models import Escalation

GGZ = "Parnassia (waaronder Youz en de Brijder)"
MANAGER_EMAIL = "manager.ggz@ineen.example"


def _manager(house, password):
    """The GGZ manager is one of the demo accounts (web/demo_data.DEMO_USERS), so the demo lists it."""
    return User.objects.get(email=MANAGER_EMAIL)


def seed(house, director, password):
    """`director`: the demo case director (casusregisseur@), who raises the escalation and records the breach."""
    manager = _manager(house, password)
    cases = list(
        Case.objects.filter(
            safety_house=house,
            state=CaseState.ACTIVE,
            director_assignments__director=director,
            director_assignments__ended_at__isnull=True,
        )
        .select_related("household", "safety_house")
        .order_by("pk")
    )
    if not cases:
        return
    today = timezone.localdate()
    case = cases[0]
    line = BottomLine.objects.create(
        case=case,
        text="De kinderen zijn niet thuis als er gedronken wordt.",
        guardian=director,
        guardian_organisation=director.organisation,
        how_we_know="De moeder belt de casusregisseur; school meldt afwezigheid.",
        on_breach="Veilig Thuis bespreekt met de moeder dat de kinderen bij oma logeren; binnen 48 uur.",
    )
    breach = actions.record_breach(
        bottom_line=line,
        actor=director,
        seen_version=line.version,
        occurred_on=today - timedelta(days=2),
        what_happened="Vrijdagavond was vader onder invloed thuis terwijl de kinderen er waren.",
        owner=director,
        due_on=today + timedelta(days=2),
        barrier=Category.WAITING_LIST,
    )
    actions.raise_escalation(
        case=case,
        actor=director,
        category=Category.WAITING_LIST,
        needed="Een intake bij de verslavingszorg voor vader binnen drie weken; de wachtlijst is nu vier maanden.",
        needed_by=today + timedelta(days=14),
        addressed_to=manager,
        bridging_help="Het buurtteam komt twee keer per week; de huisarts ziet vader elke week.",
        breach=breach,
    )
    # Earlier escalations, spread over the last quarters, for the barrier register.
    history = [(Category.WAITING_LIST, 95 + 7 * i, 20 + 4 * i) for i in range(6)]
    history += [(Category.NO_MANDATE, 40, 12), (Category.NO_BUDGET, 130, None), (Category.RULES, 200, 30)]
    for i, (category, ago, took) in enumerate(history):
        escalation = Escalation.objects.create(
            case=cases[i % len(cases)],
            category=category,
            needed="Zie het casusdossier.",
            needed_by=today - timedelta(days=ago - 21),
            organisation=manager.organisation,
            addressed_to=manager,
            raised_by=director,
            raised_at=timezone.now() - timedelta(days=ago),
        )
        if took is not None:
            Escalation.objects.filter(pk=escalation.pk).update(
                status=EscalationStatus.RESOLVED if i % 3 else EscalationStatus.NOT_RESOLVED,
                result="Afgerond.",
                resolved_on=today - timedelta(days=ago - took),
            )
