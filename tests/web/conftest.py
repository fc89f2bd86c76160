"""Fixtures for the view tests: one logged-in client per user (two people working at the same time)."""

import pytest
from django.test import Client

from ineen.households.enums import Relationship


@pytest.fixture
def client_for(db):
    """A separate logged-in browser per user, so two users can act "at the same time"."""
    from allauth.mfa.models import Authenticator

    clients = {}

    def _client_for(user):
        if user.pk not in clients:
            if not Authenticator.objects.filter(user=user).exists():
                Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
            client = Client()
            client.force_login(user)
            clients[user.pk] = client
        return clients[user.pk]

    return _client_for


def referral_data(house, people=None, **fields):
    """POST data for the referral form: the household, its members (a formset) and the questions."""
    people = (
        people
        if people is not None
        else [
            {"first_name": "Mila", "last_name": "Bakker", "birth_year": "1990", "relationship": Relationship.PARENT},
        ]
    )
    data = {
        "safety_house": str(house.pk),
        "household_name": "Gezin Bakker",
        "postcode_area": "2511",
        "summary": "Herhaald geweld tussen ouders; kinderen getuige.",
        "needs": "Eén plan.",
        "risk_factors": ["earlier_violence"],
        "risk_factors_other": "",
        "clients_view": "Moeder wil rust.",
        "clients_wishes": "Hulp bij scheiding.",
        "clients_informed": "yes",
        "clients_informed_note": "",
        "person-TOTAL_FORMS": str(len(people)),
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "1",
        "person-MAX_NUM_FORMS": "20",
    }
    for i, person in enumerate(people):
        defaults = {
            "last_name": "",
            "birth_year": "",
            "relationship": Relationship.OTHER,
            "language": "Nederlands",
            "living_at_home": "on",
            "custody_notes": "",
        }
        for key, value in {**defaults, **person}.items():
            data[f"person-{i}-{key}"] = value
    data.update(fields)
    return data
