import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from ineen.portal import actions


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the per-address and unknown-token counters live in the cache
    yield
    cache.clear()


def anna(cast):
    return cast.case.household.members.get(first_name="Anna")


def bram(cast):
    return cast.case.household.members.get(first_name="Bram")


@pytest.fixture
def grant(cast):
    """grant(person=None) -> (access, token, code); Anna (the mother) unless told."""

    def _grant(person=None, **kwargs):
        return actions.grant_access(actor=cast.director, case=cast.case, person=person or anna(cast), **kwargs)

    return _grant


def sign_in(http, token, code):
    return http.post(reverse("portal:code", args=[token]), {"code": code})


@pytest.fixture
def portal(cast, grant):
    """A browser signed in through Anna's own access: (client, access)."""
    access, token, code = grant()
    http = Client()
    response = sign_in(http, token, code)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    return http, access
