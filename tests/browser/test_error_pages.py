"""Ineen's own Dutch error pages as the demo serves them (DEBUG off: pytest-django's live server runs
with DEBUG=False, like `./run demo`): an unknown URL, a case that is not yours, an expired form. Static
files are still served, so the pages carry the site's style."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.conferences.conftest import make_conference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _styled(page):
    # The stylesheet loaded: the body's font is the site's, not the browser's default serif.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.strip().lower() != "serif" and "Times" not in font, font


def test_dutch_404_403_and_csrf_pages_with_style(new_page, cast, login):
    assert settings.DEBUG is False
    page = new_page()
    login(page, cast.outsider)
    response = page.goto("/bestaat-niet/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Niet gevonden")
    _styled(page)
    # A case that is not hers: the same 404, which does not reveal that the case exists.
    conference = make_conference(cast.case, cast.chair, [cast.member])
    response = page.goto(f"/overleggen/{conference.public_id}/werkruimte/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Niet gevonden")
    # A form sent without a valid CSRF token (an expired session, an old tab): Dutch, 403.
    page.goto("/")
    page.context.clear_cookies(name="csrftoken")
    page.evaluate(
        """() => { const f = document.createElement('form'); f.method = 'post'; f.action = '/';
        document.body.appendChild(f); f.submit(); }"""
    )
    expect(page.locator("h1")).to_have_text("Uw formulier is verlopen")
    expect(page.locator("body")).to_contain_text("staat mogelijk nog in het vorige scherm")
    _styled(page)
