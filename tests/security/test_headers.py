"""Security headers on HTML responses: nonce-based CSP, no inline scripts, no framing, nosniff, no caching
of pages that may hold case data."""

import re

import pytest
from django.urls import reverse

from tests.factories import CLOSURE_PLAN

from .conftest import recently_reauthenticated
from .test_matrix import MATRIX, PREPARE, url_for

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
NONCE_ATTR = re.compile(r'\bnonce="([^"]*)"')
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def csp_directives(response):
    header = response.get("Content-Security-Policy")
    assert header, f"{response.wsgi_request.path}: no Content-Security-Policy"
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    return directives


def check_html(response, *, logged_in, page):
    assert response["Content-Type"].startswith("text/html"), page
    csp = csp_directives(response)
    script_src = csp.get("script-src", csp.get("default-src", []))
    assert "'unsafe-inline'" not in script_src, f"{page}: unsafe-inline in script-src"
    assert "'unsafe-eval'" not in script_src, f"{page}: unsafe-eval in script-src"
    assert csp.get("frame-ancestors") == ["'none'"], f"{page}: frame-ancestors {csp.get('frame-ancestors')}"
    assert csp.get("object-src") == ["'none'"], page
    assert response.get("X-Content-Type-Options") == "nosniff", page
    assert response.get("X-Frame-Options") == "DENY", page
    assert response.get("Referrer-Policy") == "same-origin", page
    if logged_in:
        assert "no-store" in response.get("Cache-Control", ""), f"{page}: Cache-Control {response.get('Cache-Control')}"
    body = response.content.decode()
    header_nonces = [v[len("'nonce-") : -1] for v in script_src if v.startswith("'nonce-")]
    tags = SCRIPT_TAG.findall(body)
    if tags:
        assert len(header_nonces) == 1, f"{page}: scripts on the page but no nonce in script-src"
    for tag in tags:
        found = NONCE_ATTR.search(tag)
        assert found and found.group(1) == header_nonces[0], f"{page}: script without the header's nonce: {tag}"
        assert "src=" in tag, f"{page}: inline script {tag}"
    assert not INLINE_HANDLER.search(body), f"{page}: inline event handler"
    return header_nonces


APP_GETS = [route for route, methods in MATRIX.items() if "GET" in methods]


@pytest.mark.parametrize("route", APP_GETS)
def test_app_pages_as_chair(route, cast, login):
    if (route, "GET") in PREPARE:
        PREPARE[(route, "GET")](cast)
    client = login(cast.chair)
    recently_reauthenticated(client, cast.chair)
    response = client.get(url_for(route, cast))
    if response.status_code == 404:  # the chair may not see the referral status; the 404 page counts too
        check_html(response, logged_in=True, page=f"{route} (404)")
        return
    assert response.status_code == 200, route
    if not response["Content-Type"].startswith("text/html"):  # exports (JSON, CSV): no CSP needed, no caching
        assert response.get("X-Content-Type-Options") == "nosniff", route
        assert "no-store" in response.get("Cache-Control", ""), route
        return
    nonces = check_html(response, logged_in=True, page=route)
    assert nonces, f"{route}: base.html loads scripts, so the header must carry a nonce"


def test_nonce_is_fresh_per_response(cast, login):
    client = login(cast.member)
    first = check_html(client.get(reverse("web:dashboard")), logged_in=True, page="dashboard")
    second = check_html(client.get(reverse("web:dashboard")), logged_in=True, page="dashboard")
    assert first and second and first != second


@pytest.mark.parametrize(
    "name", ["account_login", "account_reset_password", "account_reset_password_done", "account_signup"]
)
def test_anonymous_pages(name, client, db):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert check_html(response, logged_in=False, page=name)


@pytest.mark.parametrize("name", ["mfa_index", "mfa_activate_totp", "account_change_password"])
def test_account_pages_logged_in(name, cast, login):
    response = login(cast.member).get(reverse(name), follow=True)
    assert response.status_code == 200
    check_html(response, logged_in=True, page=name)


def test_not_found_and_denied_pages(cast, login, client):
    check_html(client.get("/bestaat-niet/"), logged_in=False, page="404 anonymous")
    response = login(cast.outsider).get(reverse("web:case_detail", args=[cast.case.public_id]))
    assert response.status_code == 404
    check_html(response, logged_in=True, page="404 outsider")


def test_redirects_when_logged_in_are_not_cached(cast, login):
    # closing an active case takes a closure plan (issue 10): the valid post, so it redirects
    data = {"reason": "Klaar.", **CLOSURE_PLAN}
    response = login(cast.chair).post(reverse("web:case_close", args=[cast.case.public_id]), data)
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_hsts_with_https_settings(cast, login, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = login(cast.member).get(reverse("web:dashboard"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
