"""Fixtures for the evaluation tests: the cast's case (tests/conftest.py) with a conference that ended,
the case director and the member invited (the expert is in the team, not invited; Bram not invited)."""

import pytest
from django.utils import timezone

from ineen.conferences import schedule
from ineen.conferences.models import Conference


def ended_conference(cast, *, starts_at=None):
    bram = cast.case.household.members.get(first_name="Bram")
    conference = schedule.schedule(
        case=cast.case,
        actor=cast.chair,
        kind="mda",
        phase="immediate_safety",
        goal="Veiligheid.",
        starts_at=timezone.now() + timezone.timedelta(days=7),
        location="ZVH",
        not_invited={bram: "Eerst apart gesproken."},
    )
    for user in (cast.director, cast.member):
        schedule.invite_user(
            conference=conference, actor=cast.chair, part=conference.parts.get(), user=user, reason="Betrokken."
        )
    starts_at = starts_at or timezone.now() - timezone.timedelta(days=1)
    Conference.objects.filter(pk=conference.pk).update(
        state="ended", starts_at=starts_at, started_at=starts_at, ended_at=starts_at + timezone.timedelta(hours=1)
    )
    conference.refresh_from_db()
    return conference


@pytest.fixture
def ended(cast):
    return ended_conference(cast)


@pytest.fixture
def client_person(ended):
    return ended.invitations.filter(person__isnull=False).select_related("person").first().person
