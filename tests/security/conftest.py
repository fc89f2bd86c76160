"""Helpers for the security tests. The cast and login fixtures live in tests/conftest.py."""

import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.core.cache import cache

from ineen.access.actor import Actor

ISSUER = Actor.system(channel="cli")  # the operator's issue_enrolment_code command


def recently_reauthenticated(client, user):
    """Mark the client's session as if the user just re-entered their password (allauth's record)."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": time.time(), "reauthenticated": True}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth's rate limits and axes live in the cache; one test's failed logins must not leak into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def enrolment_granted():
    """Enter a fresh one-time enrolment code for `user` through the code page, as the professional does
    before enrolling a first second factor (ineen/accounts/enrolment.py)."""
    from django.urls import reverse

    from ineen.accounts import enrolment

    def _grant(client, user):
        code = enrolment.issue_code(user=user, actor=ISSUER)
        response = client.post(reverse("web:mfa_enrolment_code"), {"code": code})
        assert response.status_code == 302, response.status_code
        return response

    return _grant
