"""Signing in with a link + code (ineen/portal): the code page tells nothing about a link, wrong codes lock,
the session holds only the access and ends when the access does."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent, Outcome
from ineen.cases import actions as case_actions
from ineen.portal import actions, session
from ineen.portal.models import ClientAccess
from tests.factories import CLOSURE_PLAN

from .conftest import sign_in

pytestmark = pytest.mark.django_db

UNKNOWN = "A" * 43


def _body(response):
    """The page without its per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_token_and_code_lead_home(cast, grant):
    access, token, code = grant()
    assert len(token) == 43 and len(code) == 8
    assert access.token_hash == actions.hash_token(token) and token not in access.token_hash
    assert check_password(code, access.code_hash) and code not in access.code_hash
    http = Client()
    page = http.get(reverse("portal:code", args=[token]))
    assert page.status_code == 200 and 'lang="nl"' in page.content.decode()
    assert "Anna" not in page.content.decode()  # nothing about the person before the code
    response = sign_in(http, token, f"{code[:4]}-{code[4:].lower()}")  # as handed over, typed carelessly
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert dict(http.session.items()).keys() == {session.ACCESS_KEY, session.STARTED_KEY, session.SEEN_KEY}
    assert http.session[session.ACCESS_KEY] == access.pk
    home = http.get(reverse("portal:home"))
    assert home.status_code == 200 and "Hallo Anna" in home.content.decode()
    assert home["Cache-Control"] == "no-store"
    access.refresh_from_db()
    assert access.last_used_at is not None


def test_session_key_is_cycled(cast, grant):
    _access, token, code = grant()
    http = Client()
    http.get(reverse("portal:code", args=[token]))
    http.session.save()
    before = http.cookies["sessionid"].value if "sessionid" in http.cookies else None
    sign_in(http, token, code)
    assert http.cookies["sessionid"].value != before


def test_wrong_code_same_page_counts_and_locks(cast, grant):
    access, token, code = grant()
    http = Client()
    for attempt in range(1, 5):
        response = sign_in(http, token, "ZZZZZZZZ")
        assert response.status_code == 400
        assert "Deze code klopt niet" in response.content.decode()
        access.refresh_from_db()
        assert access.failed_attempts == attempt
    fifth = sign_in(http, token, "ZZZZZZZZ")
    assert "Wacht 15 minuten" in fifth.content.decode()
    access.refresh_from_db()
    assert access.is_locked()
    # Locked: even the right code does not open it now.
    right = sign_in(http, token, code)
    assert right.status_code == 400 and "Wacht 15 minuten" in right.content.decode()
    assert session.ACCESS_KEY not in http.session
    # After the lock the right code works again.
    ClientAccess.objects.filter(pk=access.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    assert sign_in(http, token, code).status_code == 302


def test_unknown_expired_revoked_links_look_like_a_valid_one(cast, grant):
    valid_access, valid, _code = grant()
    expired_access, expired, _ = actions.grant_access(
        actor=cast.director, case=cast.case, person=cast.case.household.members.get(first_name="Bram")
    )
    ClientAccess.objects.filter(pk=expired_access.pk).update(expires_at=timezone.now() - timedelta(days=1))
    http = Client()
    pages = {
        name: _body(http.get(reverse("portal:code", args=[t])))
        for name, t in (("valid", valid), ("expired", expired), ("unknown", UNKNOWN))
    }
    assert pages["valid"] == pages["expired"] == pages["unknown"]
    wrong = {
        name: _body(sign_in(Client(), t, "ZZZZZZZZ"))
        for name, t in (("valid", valid), ("expired", expired), ("unknown", UNKNOWN))
    }
    assert wrong["valid"] == wrong["expired"] == wrong["unknown"]
    actions.revoke_access(actor=cast.director, access=valid_access)
    assert _body(http.get(reverse("portal:code", args=[valid]))) == pages["unknown"]
    # An unknown link locks after five wrong codes too, so locking tells nothing either.
    for _ in range(5):
        last = sign_in(Client(), UNKNOWN, "ZZZZZZZZ")
    assert "Wacht 15 minuten" in last.content.decode()


def test_right_code_on_a_revoked_link_says_it_no_longer_works(cast, grant):
    access, token, code = grant()
    actions.revoke_access(actor=cast.director, access=access)
    http = Client()
    response = sign_in(http, token, code)
    assert response.status_code == 400 and "werkt niet meer" in response.content.decode()
    assert session.ACCESS_KEY not in http.session


def test_per_address_ceiling(cast, grant, settings):
    settings.INEEN_CLIENT_ACCESS_IP_FAILURES = 3
    _access, token, code = grant()
    for n in range(3):
        sign_in(Client(), "B" * 42 + str(n), "ZZZZZZZZ")
    response = sign_in(Client(), token, code)  # the right code, but this address is blocked for now
    assert response.status_code == 400 and "Wacht 15 minuten" in response.content.decode()


def test_revoke_ends_an_active_session(cast, portal):
    http, access = portal
    assert http.get(reverse("portal:home")).status_code == 200
    actions.revoke_access(actor=cast.director, access=access)
    response = http.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:signed_out")
    assert session.ACCESS_KEY not in http.session


def test_expiry_and_closed_case_end_a_session(cast, portal):
    http, access = portal
    ClientAccess.objects.filter(pk=access.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert http.get(reverse("portal:dispute"))["Location"] == reverse("portal:signed_out")


def test_closed_case_ends_a_session(cast, portal):
    http, _access = portal
    case_actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    assert http.get(reverse("portal:home"))["Location"] == reverse("portal:signed_out")


def test_idle_session_ends(cast, portal, settings):
    http, _access = portal
    s = http.session
    s[session.SEEN_KEY] -= settings.INEEN_CLIENT_SESSION_IDLE_SECONDS + 1
    s.save()
    assert http.get(reverse("portal:home"))["Location"] == reverse("portal:signed_out")


def test_logout(cast, portal):
    http, _access = portal
    response = http.post(reverse("portal:logout"))
    assert response["Location"] == reverse("portal:signed_out")
    assert http.get(reverse("portal:home"))["Location"] == reverse("portal:signed_out")


def test_failed_codes_are_audited_denied(cast, grant):
    access, token, _code = grant()
    sign_in(Client(), token, "ZZZZZZZZ")
    sign_in(Client(), UNKNOWN, "ZZZZZZZZ")
    denied = AuditEvent.objects.filter(object_type="client_access", outcome=Outcome.DENIED)
    known = denied.get(object_id=str(access.public_id))
    assert known.actor_label == f"Cliënt via eigen toegang ({access.short_id})"
    assert str(access.person.public_id) in known.person_ids
    assert denied.filter(object_id__startswith="onbekend:").count() == 1


def test_code_form_passes_the_csrf_origin_check_a_browser_makes(grant):
    """The portal's referrer policy keeps the token on our own site but lets the browser send its real Origin:
    with "no-referrer" Chromium sends `Origin: null`, which Django's CSRF check refuses (found by the browser
    test, tests/browser/test_client_portal.py)."""
    _access, token, code = grant()
    http = Client(enforce_csrf_checks=True)
    page = http.get(reverse("portal:code", args=[token]))
    assert page["Referrer-Policy"] == "same-origin" and 'content="same-origin"' in page.content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    data = {"code": code, "csrfmiddlewaretoken": csrf}
    assert http.post(reverse("portal:code", args=[token]), data, headers={"Origin": "null"}).status_code == 403
    response = http.post(reverse("portal:code", args=[token]), data, headers={"Origin": "http://testserver"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
