"""Login and sessions: mandatory MFA, throttling, no user enumeration, session limits, revocation,
password hashing."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import PASSWORD

from .test_matrix import MATRIX, POST_DATA, PREPARE, url_for

ROOT = Path(__file__).resolve().parents[2]
_START, _SEEN = "ineen_session_start", "ineen_last_seen"


def _login_url():
    return reverse("account_login")


def _log_in(client, email, password=PASSWORD, ip="127.0.0.1", **extra):
    return client.post(_login_url(), {"login": email, "password": password}, REMOTE_ADDR=ip, **extra)


def _logged_in(client):
    return "_auth_user_id" in client.session


def _session_key(client):
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie else None


# --- MFA is mandatory ------------------------------------------------------------------------------


def test_login_without_authenticator_lands_on_mfa_setup(cast, client):
    response = _log_in(client, cast.member.email)
    assert _logged_in(client)
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:mfa_required")
    assert response.status_code == 200


# The explanation page and the enrolment-code page come before MFA by design (test_mfa_enrolment.py).
BEFORE_MFA = {"web:mfa_required", "web:mfa_enrolment_code"}
APP_PAGES = [(route, method) for route, methods in MATRIX.items() for method in methods if route not in BEFORE_MFA]


@pytest.mark.parametrize(("route", "method"), APP_PAGES, ids=[f"{r}-{m}" for r, m in APP_PAGES])
def test_every_app_page_needs_mfa(route, method, cast, client):
    if (route, method) in PREPARE:
        PREPARE[(route, method)](cast)
    client.force_login(cast.chair)  # no authenticator
    url = url_for(route, cast)
    data = POST_DATA.get(route, lambda c, u: {})(cast, cast.chair)
    response = client.get(url) if method == "GET" else client.post(url, data)
    assert response.status_code == 302, f"{method} {route} without MFA gave {response.status_code}"
    assert response["Location"] == reverse("web:mfa_required"), f"{method} {route} went to {response['Location']}"


def test_mfa_setup_page_itself_is_reachable(cast, client):
    client.force_login(cast.chair)
    response = client.get(reverse("web:mfa_required"))
    assert response.status_code == 200
    assert response.context["required"] is True


def test_admin_needs_mfa_too(cast, client):
    cast.admin.is_staff = True
    cast.admin.save()
    client.force_login(cast.admin)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:mfa_required")


@pytest.mark.parametrize(
    "name", ["mfa_index", "mfa_activate_totp", "mfa_add_webauthn", "account_logout", "account_change_password"]
)
def test_allauth_pages_reachable_without_mfa(name, cast, client, enrolment_granted):
    client.force_login(cast.chair)
    enrolment_granted(client, cast.chair)  # the MFA pages need the one-time enrolment code first
    response = client.get(reverse(name), follow=True)
    assert response.status_code == 200, f"{name}: {response.status_code}"
    final = response.redirect_chain[-1][0] if response.redirect_chain else reverse(name)
    assert final.startswith("/accounts/"), f"{name} ended at {final}"


@pytest.mark.parametrize(
    ("demo_mode", "demo_account", "needs_mfa"),
    [
        (True, True, False),
        (False, True, True),
        (True, False, True),
        (False, False, True),
    ],
)
def test_only_demo_accounts_in_demo_mode_skip_mfa(demo_mode, demo_account, needs_mfa, cast, client, settings):
    settings.DEMO_MODE = demo_mode
    cast.member.is_demo_account = demo_account
    cast.member.save()
    client.force_login(cast.member)
    response = client.get(reverse("web:dashboard"))
    if needs_mfa:
        assert response.status_code == 302
        assert response["Location"] == reverse("web:mfa_required")
    else:
        assert response.status_code == 200


def _totp_user(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _code(secret):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_login_with_totp_and_new_session_id_after_each_step(cast, client):
    secret = _totp_user(cast.member)
    session = client.session
    session["probe"] = 1
    session.save()
    anonymous_key = _session_key(client)
    response = _log_in(client, cast.member.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _logged_in(client), "password alone must not log in a user with MFA"
    pending_key = _session_key(client)
    response = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response.status_code == 302
    assert _logged_in(client)
    final_key = _session_key(client)
    assert final_key not in (anonymous_key, pending_key)
    assert not Session.objects.filter(session_key=anonymous_key).exists()
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_new_session_id_at_login(cast, client):
    session = client.session
    session["probe"] = 1
    session.save()
    before = _session_key(client)
    _log_in(client, cast.member.email)
    assert _logged_in(client)
    assert _session_key(client) != before
    assert not Session.objects.filter(session_key=before).exists()


# --- throttling (django-axes) and enumeration ------------------------------------------------------


def _fail_five_times(client, email, ip):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, email, "wrong-password", ip=ip)
        assert not _logged_in(client)


def test_axes_throttles_per_username_and_ip(cast, client, settings):
    settings.ACCOUNT_RATE_LIMITS = False  # allauth's own limiter off: this is axes alone
    _fail_five_times(client, cast.member.email, "10.1.2.3")
    response = _log_in(client, cast.member.email, ip="10.1.2.3")  # the right password, too late
    assert response.status_code == 429
    assert not _logged_in(client)
    assert _log_in(client, cast.director.email, ip="10.1.2.3").status_code == 302  # other user, same IP
    assert _logged_in(client)
    client.logout()
    assert _log_in(client, cast.member.email, ip="10.9.9.9").status_code == 302  # same user, other IP
    assert _logged_in(client)


def test_sixth_login_refused_with_all_limiters_on(cast, client):
    """With allauth's rate limits on as well (its per-account limit answers first), the sixth attempt is
    still refused, and another user from the same address still gets in."""
    _fail_five_times(client, cast.member.email, "10.1.2.3")
    response = _log_in(client, cast.member.email, ip="10.1.2.3")
    assert response.status_code in (200, 429)
    assert not _logged_in(client)
    assert _log_in(client, cast.director.email, ip="10.1.2.3").status_code == 302
    assert _logged_in(client)


def _normalised(response, *variable):
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", body)
    body = re.sub(r'nonce="[^"]+"', "NONCE", body)
    for value in variable:
        body = body.replace(value, "VALUE")
    return body


def test_failed_login_same_for_existing_and_unknown_email(cast, client):
    existing = _log_in(client, cast.member.email, "wrong-password")
    unknown = _log_in(client, "nobody@test.example", "wrong-password")
    assert existing.status_code == unknown.status_code == 200
    assert _normalised(existing, cast.member.email) == _normalised(unknown, "nobody@test.example")


def test_password_reset_same_for_existing_and_unknown_email(cast, client):
    url = reverse("account_reset_password")
    existing = client.post(url, {"email": cast.member.email})
    unknown = client.post(url, {"email": "nobody@test.example"})
    assert existing.status_code == unknown.status_code
    assert existing.get("Location") == unknown.get("Location")
    if existing.status_code == 302:
        existing, unknown = client.get(existing["Location"]), client.get(unknown["Location"])
    assert _normalised(existing, cast.member.email) == _normalised(unknown, "nobody@test.example")


# --- sessions --------------------------------------------------------------------------------------


def _age_session(client, *, idle=0, age=0):
    session = client.session
    now = int(time.time())
    session[_SEEN] = now - idle
    session[_START] = now - max(age, idle)
    session.save()


@pytest.mark.parametrize(
    ("idle", "age", "expired"),
    [
        (14 * 60, 0, False),
        (15 * 60 + 5, 0, True),
        (60, 12 * 3600 - 60, False),
        (60, 12 * 3600 + 5, True),
    ],
)
def test_idle_and_absolute_session_limits(idle, age, expired, cast, login):
    client = login(cast.member)
    assert client.get(reverse("web:dashboard")).status_code == 200
    key = _session_key(client)
    _age_session(client, idle=idle, age=age)
    response = client.get(reverse("web:case_detail", args=[cast.case.public_id]))
    if not expired:
        assert response.status_code == 200
        return
    assert response.status_code == 302
    assert response["Location"].startswith(_login_url())
    assert not Session.objects.filter(session_key=key).exists(), "the session must end server-side"
    assert client.get(reverse("web:dashboard"))["Location"].startswith(_login_url())


def test_htmx_polling_does_not_keep_a_session_alive(cast, login):
    client = login(cast.member)
    client.get(reverse("web:dashboard"))
    _age_session(client, idle=10 * 60)
    seen = client.session[_SEEN]
    assert client.get(reverse("web:case_list"), headers={"HX-Request": "true"}).status_code == 200
    assert client.session[_SEEN] == seen


def test_logout_ends_the_session_server_side(cast, login):
    client = login(cast.member)
    assert client.get(reverse("web:dashboard")).status_code == 200
    key = _session_key(client)
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = key  # replay the old cookie
    response = client.get(reverse("web:case_detail", args=[cast.case.public_id]))
    assert response.status_code == 302
    assert response["Location"].startswith(_login_url())


def test_disabled_user_loses_access_at_next_request(cast, login):
    client = login(cast.member)
    url = reverse("web:case_detail", args=[cast.case.public_id])
    assert client.get(url).status_code == 200
    cast.member.is_active = False
    cast.member.save()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(_login_url())


def test_disabled_user_cannot_log_in(cast, client):
    cast.member.is_active = False
    cast.member.save()
    _log_in(client, cast.member.email)
    assert not _logged_in(client)


def test_common_password_refused(cast):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["password1234", "123456789012", "korter"]:
        with pytest.raises(ValidationError):
            validate_password(weak, cast.member)


# --- hashing -----------------------------------------------------------------------------------------


def test_argon2id_is_the_first_hasher_in_production_settings(tmp_path):
    """Read the settings module as production loads it (the test settings use MD5 for speed)."""
    env = {
        **os.environ,
        "INEEN_ENV": "production",
        "DJANGO_SECRET_KEY": "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "ineen.example",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
        "DJANGO_SETTINGS_MODULE": "ineen.settings",
    }
    env.pop("DJANGO_DEBUG", None)
    env.pop("INEEN_DEMO", None)
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "from django.contrib.auth.hashers import make_password;"
        "print(settings.PASSWORD_HASHERS[0]); print(make_password('x').split('$')[1])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,  # noqa: S603 (our own interpreter)
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert out == ["django.contrib.auth.hashers.Argon2PasswordHasher", "argon2id"]


@pytest.mark.parametrize("name", ["account_request_reauthentication_code", "account_confirm_reauthentication_code"])
def test_reauthentication_by_code_is_off(name, cast, login, mailoutbox):
    """allauth 65.22+ routes: with login by code off they only send the user to the password step, and no
    code is e-mailed (a code by e-mail must not replace the password + second factor)."""
    http = login(cast.member)
    for response in (http.get(reverse(name)), http.post(reverse(name), {})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/reauthenticate/")
    assert mailoutbox == []
