"""Fixtures for the plan tests: actions and bottom lines on the cast's case (tests/conftest.py), and a
separate logged-in browser per user (client_for, shared with the conference tests)."""

import datetime

import pytest
from django.utils import timezone

from ineen.plans.enums import Towards
from ineen.plans.models import BottomLine, PlanAction

from ..conferences.conftest import client_for  # noqa: F401 -- a fixture, used by the tests here


def make_action(
    case, owner, *, days=7, towards=Towards.FAMILY, reason="Antwoord op de zorgen over de avonden.", **fields
):
    return PlanAction.objects.create(
        case=case,
        what=fields.pop("what", "Huisbezoek afleggen."),
        owner=owner,
        owner_organisation=owner.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=days),
        reason=reason,
        towards=towards,
        **fields,
    )


@pytest.fixture
def action(cast):
    """An open action of the member (professional in the team), due next week."""
    return make_action(cast.case, cast.member)


@pytest.fixture
def bottom_line(cast):
    """A bottom line guarded by the member."""
    return BottomLine.objects.create(
        case=cast.case,
        text="Geen geweld in het bijzijn van de kinderen.",
        guardian=cast.member,
        guardian_organisation=cast.member.organisation,
        how_we_know="Meldingen van politie en school.",
        on_breach="Veilig Thuis zet een crisisinterventie in; de procesregisseur schaalt op.",
    )
