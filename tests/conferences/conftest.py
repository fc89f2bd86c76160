"""Fixtures for the live workspace: a conference of the cast's case with three invited participants
(the case director, a professional and an expert, all in the team), and one team member who is not
invited (`viewer`: may look, may not take part)."""

import pytest
from django.test import Client
from django.utils import timezone

from ineen.cases import actions as case_actions
from ineen.cases.enums import TeamRole
from ineen.conferences.enums import ConferenceKind, PartKind
from ineen.conferences.models import Conference, ConferencePart, Invitation
from ineen.guide.enums import Phase
from ineen.guide.models import GuideVersion

from ..factories import Role, make_user


def make_conference(case, chair, invited=(), *, phase=Phase.IMMEDIATE_SAFETY, parts=(PartKind.WHOLE,), **fields):
    """A planned conference of `case` with one invitation per user (in the first part) per part kind."""
    conference = Conference.objects.create(
        case=case,
        kind=ConferenceKind.MDA,
        phase=phase,
        goal="Zicht op de veiligheid van de kinderen.",
        starts_at=timezone.now(),
        guide_version=GuideVersion.objects.get(is_current=True),
        chair=chair,
        **fields,
    )
    made = [
        ConferencePart.objects.create(conference=conference, kind=kind, order=i)
        for i, kind in enumerate(parts, start=1)
    ]
    for user in invited:
        Invitation.objects.create(conference=conference, part=made[0], user=user, reason="Betrokken bij het gezin.")
    return conference


def invite(conference, user, part=None):
    return Invitation.objects.create(
        conference=conference, part=part or conference.parts.first(), user=user, reason="Betrokken bij het gezin."
    )


@pytest.fixture
def viewer(cast):
    """A team member who is not invited to the conference."""
    user = make_user(cast.house, Role.PROFESSIONAL, email="viewer@test.example", first_name="Vera")
    case_actions.add_team_member(case=cast.case, user=user, role=TeamRole.PROFESSIONAL, actor=cast.chair)
    return user


@pytest.fixture
def conference(cast, viewer):
    return make_conference(cast.case, cast.chair, [cast.director, cast.member, cast.expert])


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
