"""Demo data for reminders: on one active case of the demo, an action due tomorrow, an overdue action and
a bottom line in force, so `./run demo` shows reminder e-mails in its console output at start (together
with the reminders about the planned conferences and their preparation). Called from seed_demo."""

from datetime import timedelta

from django.utils import timezone

from ineen.cases.enums import CaseState, TeamRole


def seed(house) -> None:
    from ineen.cases.models import Case
    from ineen.plans.models import BottomLine, PlanAction

    case = (
        Case.objects.filter(safety_house=house, state=CaseState.ACTIVE, team__role=TeamRole.PROFESSIONAL)
        .exclude(conferences__isnull=False)
        .order_by("pk")
        .first()
    )
    if case is None:
        return
    today = timezone.localdate()
    professional = case.team.filter(role=TeamRole.PROFESSIONAL, ended_on__isnull=True).select_related("user").first()
    director = case.team.filter(role=TeamRole.CASE_DIRECTOR).select_related("user").first() or professional
    owner = professional.user
    PlanAction.objects.create(
        case=case,
        what="Gesprek met moeder over de afspraken met school.",
        owner=owner,
        owner_organisation=owner.organisation,
        due_on=today + timedelta(days=1),
        reason="De kinderen missen lessen; school maakt zich zorgen.",
    )
    PlanAction.objects.create(
        case=case,
        what="Aanmelding bij de schuldhulpverlening doen.",
        owner=owner,
        owner_organisation=owner.organisation,
        due_on=today - timedelta(days=4),
        reason="Geldzorgen geven spanning thuis.",
    )
    BottomLine.objects.create(
        case=case,
        text="Vader komt niet in de buurt van de woning van moeder.",
        guardian=director.user,
        guardian_organisation=director.user.organisation,
        how_we_know="Meldingen van politie en buren.",
        on_breach="De politie grijpt in; de procesregisseur schaalt op.",
    )
