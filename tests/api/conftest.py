"""Fixtures for the API tests: the cast's case with governed items of every kind of visibility.

- `agent`: a police officer in the team; `ggz`: a mental-health professional in the team;
- notes: a team note of the member, a police note "source only", a ggz note on consent *without*
  consent, a ggz note on consent *with* consent, a note for named organisations (the expert's);
- incidents: one team-visible (with who did what), one police "source only";
- Anna (the parent) has a confidential address, guarded by the member.
"""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from ineen.accounts.enums import Chain, Role
from ineen.cases import actions
from ineen.cases.enums import TeamRole
from ineen.cases.models import CaseNote
from ineen.households import actions as household_actions
from ineen.households.enums import IncidentRole
from ineen.households.models import Incident
from ineen.privacy import actions as privacy_actions
from ineen.privacy.enums import Basis, ConsentForm, ConsentPurpose, Visibility
from tests.factories import OrganisationFactory, make_user

API = "/api/v1"


@dataclass
class World:
    case: object
    agent: object
    ggz: object
    anna: object
    bram: object
    notes: dict
    incidents: dict
    address: str


def note(case, by, text, *, concerns=(), shared_with=(), **fields):
    return actions.add_note(
        case=case, note=CaseNote(text=text, **fields), actor=by, concerns=concerns, shared_with=shared_with
    )


def build_world(cast, texts=None) -> World:
    """Items of every visibility on the cast's case. `texts` overrides the text per key (canary markers)."""
    texts = texts or {}
    case, house = cast.case, cast.house
    police = OrganisationFactory(name="Politie Eenheid Den Haag", chain=Chain.CRIMINAL, houses=[house])
    parnassia = OrganisationFactory(name="Parnassia", houses=[house])
    agent = make_user(house, Role.PROFESSIONAL, organisation=police, email="agent@test.example", first_name="Ali")
    ggz = make_user(house, Role.PROFESSIONAL, organisation=parnassia, email="ggz@test.example", first_name="Gea")
    for user in (agent, ggz):
        actions.add_team_member(
            case=case, user=user, role=TeamRole.PROFESSIONAL, actor=cast.chair, active_from=timezone.localdate()
        )
    anna = case.household.members.get(first_name="Anna")
    bram = case.household.members.get(first_name="Bram")
    privacy_actions.record_consent(
        case=case,
        person=bram,
        organisation=parnassia,
        purpose=ConsentPurpose.HEALTH_INFORMATION,
        form=ConsentForm.WRITTEN,
        actor=cast.chair,
    )

    def text(key, default):
        return texts.get(key, default)

    notes = {
        "team": note(case, cast.member, text("team", "Gesprek met moeder gehad."), concerns=[anna]),
        "police_source": note(
            case,
            agent,
            text("police_source", "Lopend onderzoek, niet delen."),
            visibility=Visibility.SOURCE_ONLY,
            concerns=[anna],
        ),
        "ggz_no_consent": note(
            case,
            ggz,
            text("ggz_no_consent", "Behandeling bij Parnassia."),
            basis=Basis.CONSENT,
            consent_purpose=ConsentPurpose.HEALTH_INFORMATION,
            is_health_information=True,
            concerns=[anna],
        ),
        "ggz_consent": note(
            case,
            ggz,
            text("ggz_consent", "Bram heeft een behandelplan."),
            basis=Basis.CONSENT,
            consent_purpose=ConsentPurpose.HEALTH_INFORMATION,
            is_health_information=True,
            concerns=[bram],
        ),
        "named": note(
            case,
            cast.member,
            text("named", "Alleen voor de jeugdbescherming."),
            visibility=Visibility.NAMED_ORGANISATIONS,
            shared_with=[cast.expert.organisation],
        ),
    }
    incidents = {
        "team": household_actions.record_incident(
            case=case,
            incident=Incident(
                date=timezone.localdate(),
                violence_types=["physical"],
                description=text("incident_team", "Duwen in de gang."),
            ),
            involvements=[(anna, IncidentRole.EXPERIENCED), (bram, IncidentRole.WITNESSED)],
            actor=cast.member,
        ),
        "police_source": household_actions.record_incident(
            case=case,
            incident=Incident(
                date=timezone.localdate(),
                violence_types=["threat"],
                description=text("incident_police", "Aangifte opgenomen."),
                visibility=Visibility.SOURCE_ONLY,
            ),
            involvements=[(anna, IncidentRole.EXPERIENCED)],
            actor=agent,
        ),
    }
    address = text("address", "Opvang De Haven, Geheimstraat 7")
    privacy_actions.set_confidential_address(
        case=case, person=anna, address=address, guardians=[cast.member], actor=cast.chair
    )
    return World(case, agent, ggz, anna, bram, notes, incidents, address)


@pytest.fixture
def world(cast):
    return build_world(cast)


@pytest.fixture
def client_for(db):
    """A separate logged-in client (with a second factor) per user."""
    from allauth.mfa.models import Authenticator
    from django.test import Client

    clients = {}

    def _client_for(user):
        if user.pk not in clients:
            if not Authenticator.objects.filter(user=user).exists():
                Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
        return clients[user.pk]

    return _client_for


@pytest.fixture
def api_client(client_for):
    """GET an API path as a user (a logged-in client with MFA); returns the response."""

    def _get(user, path, **params):
        return client_for(user).get(f"{API}{path}", params)

    return _get
