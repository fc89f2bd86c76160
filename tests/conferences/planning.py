"""Helpers and fixtures for the scheduling, invitation and preparation tests (test_schedule.py,
test_ical.py, test_prepare.py). Import the fixtures into a test module to use them."""

import datetime

import pytest
from django.utils import timezone

from ineen.cases import actions as case_actions
from ineen.cases.enums import TeamRole
from ineen.conferences import schedule
from ineen.conferences.enums import PartKind
from ineen.conferences.models import Conference
from ineen.guide.enums import Phase
from ineen.households.enums import IncidentRole, Relationship
from ineen.households.models import Incident, IncidentInvolvement, Person

from ..factories import OrganisationFactory, Role, make_user

# Names that may never appear in an e-mail or a calendar item.
HOUSEHOLD_NAME = "Gezin Zonnebloem"
SECRET_NAMES = ["Zonnebloem", "Anna", "Bram", "Carla"]
SECRET_ADDRESS = "Blijf-van-m'n-lijfhuis, Geheimstraat 7"


def soon(days=7, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def fresh(conference):
    return Conference.objects.select_related("case__household", "case__safety_house", "chair").get(pk=conference.pk)


def plan(cast, *, split=False, not_invited=None, **fields):
    values = {
        "kind": "mda",
        "phase": Phase.IMMEDIATE_SAFETY,
        "goal": "Zicht op de veiligheid van de kinderen.",
        "starts_at": soon(),
        "duration_minutes": 90,
        "location": "ZVH, zaal 2",
        "online_url": "",
    }
    values.update(fields)
    conference = schedule.schedule(case=cast.case, actor=cast.chair, split=split, not_invited=not_invited, **values)
    return fresh(conference)


def part(conference, kind):
    return conference.parts.get(kind=kind)


def client_part(conference):
    return conference.parts.exclude(kind=PartKind.CLOSED).get()


def member(cast, first_name):
    return cast.case.household.members.get(first_name=first_name)


def team_member(cast, email, role=Role.PROFESSIONAL, **kwargs):
    user = make_user(cast.house, role, email=email, **kwargs)
    case_actions.add_team_member(case=cast.case, user=user, role=TeamRole.PROFESSIONAL, actor=cast.chair)
    return user


def stalking(cast, used, experienced):
    """An incident of stalking: `used` used violence against `experienced`."""
    incident = Incident.objects.create(
        household=cast.case.household,
        date=timezone.localdate(),
        violence_types=["stalking", "threat"],
        source_organisation=OrganisationFactory(),
        description="Volgt haar naar het werk.",
    )
    IncidentInvolvement.objects.create(incident=incident, person=used, role=IncidentRole.USED_VIOLENCE)
    IncidentInvolvement.objects.create(incident=incident, person=experienced, role=IncidentRole.EXPERIENCED)
    return incident


@pytest.fixture(name="household")
def household_fixture(cast):
    """The cast's household with recognisable names (so tests can prove they never leak), and an
    ex-partner Carla with a confidential address."""
    hh = cast.case.household
    hh.name = HOUSEHOLD_NAME
    hh.save()
    hh.members.update(last_name="Zonnebloem")
    carla = Person.objects.create(
        household=hh,
        first_name="Carla",
        last_name="Zonnebloem",
        birth_year=1983,
        relationship=Relationship.EX_PARTNER,
        has_confidential_address=True,
    )
    from ineen.privacy import actions as privacy_actions

    privacy_actions.set_confidential_address(
        case=cast.case, person=carla, address=SECRET_ADDRESS, guardians=[cast.chair], actor=cast.chair
    )
    cast.case.refresh_from_db()
    return hh
