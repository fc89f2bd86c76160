"""Login throttling is per account and address together: one person's failed logins at a shared office
address (a NAT, a municipal network) must not lock out their colleagues. A generous per-address ceiling
stays against credential stuffing, and the second factor has its own per-account limit.

The numbers are in ineen/settings.py ("Login throttling") and docs/operations.md.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
from django.urls import reverse

from tests.factories import PASSWORD

OFFICE, HOME = "10.20.30.40", "10.99.0.1"


def _log_in(client, email, password=PASSWORD, ip=OFFICE):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def _logged_in(client):
    return "_auth_user_id" in client.session


def _fail(client, email, times, ip=OFFICE):
    for _ in range(times):
        _log_in(client, email, "wrong-password", ip=ip)
        assert not _logged_in(client)


def test_one_persons_failures_do_not_lock_out_the_office(cast, client):
    _fail(client, cast.member.email, 25)
    # A colleague at the same address gets in.
    assert _log_in(client, cast.director.email).status_code == 302
    assert _logged_in(client)
    client.logout()
    # The account that failed stays locked at that address, even with the right password.
    response = _log_in(client, cast.member.email)
    assert response.status_code in (200, 429)
    assert not _logged_in(client)
    # From another address the same account gets in (per account + address; a lock on the account from
    # everywhere would let anyone lock a professional out before a case conference).
    assert _log_in(client, cast.member.email, ip=HOME).status_code == 302
    assert _logged_in(client)


def test_many_colleagues_logging_in_from_one_address(cast, client):
    """A busy morning at one office: more logins in a minute than allauth's default of 30 per address."""
    users = [cast.chair, cast.director, cast.member, cast.expert, cast.outsider]
    for i in range(45):
        assert _log_in(client, users[i % len(users)].email).status_code == 302, f"login {i + 1} refused"
        assert _logged_in(client)
        client.logout()


def test_credential_stuffing_from_one_address_hits_the_ceiling(cast, client):
    """Failures spread over many accounts from one address: after 100 in an hour the address is refused,
    for everyone; another address is not affected."""
    for i in range(100):
        _log_in(client, f"guess{i}@test.example", "wrong-password")
    response = _log_in(client, cast.director.email)
    assert response.status_code in (200, 429)
    assert not _logged_in(client)
    assert _log_in(client, cast.director.email, ip=HOME).status_code == 302
    assert _logged_in(client)


def test_failures_below_the_ceiling_from_many_accounts_do_not_lock_the_address(cast, client):
    """50 failures (over many accounts) in a minute: below both the hourly ceiling of failures and the
    60 login attempts a minute per address."""
    for i in range(50):
        _log_in(client, f"typo{i}@test.example", "wrong-password")
    assert _log_in(client, cast.director.email).status_code == 302


def _code(secret, offset=0):
    return format_hotp_value(hotp_value(secret, next(counters()) + offset))


@pytest.mark.parametrize("wrong", [10])
def test_second_factor_guessing_is_limited_per_account(wrong, cast, client):
    """The code step (reached only with the right password) allows 10 wrong codes per account in
    15 minutes, from any address; then even the right code is refused for a while."""
    secret = generate_totp_secret()
    TOTP.activate(cast.member, secret)
    assert _log_in(client, cast.member.email)["Location"] == reverse("mfa_authenticate")
    for _ in range(wrong):
        client.post(reverse("mfa_authenticate"), {"code": "000000" if _code(secret) != "000000" else "111111"})
        assert not _logged_in(client)
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert not _logged_in(client)


def test_password_step_limit_of_allauth_is_per_account_and_address(cast, client, settings):
    """allauth's own per-key failure limit (behind axes) counts one account at one address: with axes off,
    ten failures at the office do not stop the same account at home."""
    settings.AXES_ENABLED = False
    _fail(client, cast.member.email, 10)
    assert not _logged_in(client)
    response = _log_in(client, cast.member.email)
    assert not _logged_in(client), f"allauth's limit must hold at the office ({response.status_code})"
    assert _log_in(client, cast.member.email, ip=HOME).status_code == 302
    assert _logged_in(client)
