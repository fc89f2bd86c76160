"""Fixtures for the reminder tests: the cast's case (tests/conftest.py) with actions, a bottom line and
a conference coming up."""

import datetime

import pytest
from django.utils import timezone

from ..conferences.conftest import make_conference as _make_conference
from ..plans.conftest import make_action

__all__ = ["make_action", "make_conference", "in_days"]


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_conference(case, chair, invited, *, starts_at):
    conference = _make_conference(case, chair, invited)
    conference.starts_at = starts_at
    conference.save(update_fields=["starts_at"])
    return conference


@pytest.fixture
def upcoming(cast):
    """A planned conference in two days, the director, the member and the expert invited."""
    return make_conference(cast.case, cast.chair, [cast.director, cast.member, cast.expert], starts_at=in_days(2))
