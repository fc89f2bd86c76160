"""factory_boy factories and a fixed cast of users per role (see conftest.py)."""

import factory
from django.utils import timezone

from ineen.accounts.enums import Chain, Role
from ineen.accounts.models import Organisation, RoleAssignment, SafetyHouse, User
from ineen.cases import actions
from ineen.cases.enums import Route, TeamRole, TriageDecision
from ineen.households.enums import Relationship

PASSWORD = "correct-horse-battery-staple"  # noqa: S105


class SafetyHouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyHouse

    name = factory.Sequence(lambda n: f"Zorg- en Veiligheidshuis {n}")
    code = factory.Sequence(lambda n: f"zvh{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    chain = Chain.CARE
    covenant_signed = True

    @factory.post_generation
    def houses(self, create, extracted, **kwargs):
        for house in extracted or []:
            self.safety_houses.add(house)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for house, role in extracted or []:
            RoleAssignment.objects.create(user=self, safety_house=house, role=role)
        self.save()


def make_user(house, role, organisation=None, **kwargs):
    organisation = organisation or OrganisationFactory(houses=[house])
    return UserFactory(organisation=organisation, roles=[(house, role)], **kwargs)


def refer(referrer, house, name="Gezin Test", people=None, **answers):
    people = people or [
        {"first_name": "Anna", "last_name": "Test", "birth_year": 1985, "relationship": Relationship.PARENT},
        {"first_name": "Bram", "last_name": "Test", "birth_year": 2015, "relationship": Relationship.CHILD},
    ]
    return actions.submit_referral(
        actor=referrer,
        house=house,
        household_name=name,
        people=people,
        answers={"summary": "Zorgen om veiligheid.", **answers},
    )


def active_case(chair, referrer, director, members=(), route=Route.MDA, name="Gezin Test"):
    """A case accepted in triage with a director and team members [(user, role)]."""
    case = refer(referrer, chair.role_assignments.first().safety_house, name=name)
    actions.decide_triage(case=case, actor=chair, decision=TriageDecision.ACCEPT, route=route, reasons="Nodig.")
    case.refresh_from_db()
    actions.assign_case_director(case=case, director=director, actor=chair)
    for user, role in members:
        actions.add_team_member(
            case=case, user=user, role=role or TeamRole.PROFESSIONAL, actor=chair, active_from=timezone.localdate()
        )
    case.refresh_from_db()
    return case


__all__ = ["Role", "TeamRole", "PASSWORD", "make_user", "refer", "active_case"]


# A complete closure plan (cases/aftercare.py): an active case closes only with one.
CLOSURE_PLAN = {
    "signals": "Ruzie thuis, kinderen niet op school.",
    "who_acts": "Het lokale team belt de moeder binnen een week.",
    "contact_name": "Anouk de Vries",
    "contact_organisation": "Sociaal wijkteam Noord",
    "contact_reach": "06-12345678",
    "agreed_with": "Moeder, vader en het wijkteam.",
}


def grant_emergency(user, case, *, hours_ago=0, hours=12):
    """Emergency (break-glass) access for `user` to `case`, started `hours_ago`, running for `hours`."""
    from datetime import timedelta

    from ineen.privacy.models import BreakGlassAccess

    start = timezone.now() - timedelta(hours=hours_ago)
    return BreakGlassAccess.objects.create(
        user=user, case=case, reason_code="other", reason="Noodgeval test.", started_at=start,
        expires_at=start + timedelta(hours=hours), reported_at=start,
    )  # fmt: skip
