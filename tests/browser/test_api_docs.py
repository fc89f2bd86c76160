"""The API's docs page (/api/v1/docs, django-ninja's Swagger UI from its own static files) works under
our nonce-based CSP: no CDN, no blocked script or style, the operations are listed and can be tried
with the session of the logged-in user."""

import json

import pytest

pytestmark = pytest.mark.browser


def test_api_docs_load_without_cdn_or_csp_errors(page, login, cast, live_server):
    outside = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(live_server.url) or request.url.startswith("data:")
            else outside.append(request.url)
        ),
    )
    login(page, cast.member)
    page.ineen_errors[:] = []
    page.goto("/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() == 10  # nine GET operations and the import (POST)
    assert "/api/v1/cases/{public_id}/notes" in page.content()
    assert page.ineen_errors == []
    assert outside == []
    # "Try it out" with the session: the list of the member's cases comes back from the API itself.
    answer = page.evaluate("fetch('/api/v1/cases').then(r => r.text())")
    assert json.loads(answer)["count"] == 1
