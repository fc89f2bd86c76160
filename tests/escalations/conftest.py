"""Fixtures for the escalation tests: the cast's case (tests/conftest.py) with a bottom line guarded by the
member, and an escalation from the member to the cast's manager (the organisation concerned)."""

import datetime

import pytest
from django.utils import timezone

from ineen.escalations import actions
from ineen.plans.models import BottomLine


@pytest.fixture
def bottom_line(cast):
    return BottomLine.objects.create(
        case=cast.case,
        text="Geen geweld waar de kinderen bij zijn.",
        guardian=cast.member,
        guardian_organisation=cast.member.organisation,
        on_breach="Veilig Thuis doet binnen 24 uur een huisbezoek.",
    )


def in_days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def escalation(cast):
    return actions.raise_escalation(
        case=cast.case,
        actor=cast.member,
        category="waiting_list",
        needed="Een plek bij de specialistische traumahulp.",
        needed_by=in_days(14),
        addressed_to=cast.manager,
        bridging_help="Wekelijks contact met de moeder.",
    )
