"""Security headers hold for the API as for pages (tests/security/test_headers.py): JSON answers carry the
CSP, nosniff, no framing, the referrer policy and, when logged in, Cache-Control: no-store. The docs page
(django-ninja's Swagger UI) loads only our own static files under the nonce-based CSP."""

import re

import pytest

from tests.security.test_headers import csp_directives

from .conftest import API

PATHS = [
    "/cases",
    "/cases/{id}",
    "/cases/{id}/notes",
    "/cases/{id}/incidents",
    "/cases/{id}/plan",
    "/cases/niet-een-uuid",
    "/cases/00000000-0000-0000-0000-000000000000",
    "/openapi.json",
]


def check_common(response, where):
    csp = csp_directives(response)
    script_src = csp.get("script-src", csp.get("default-src", []))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, where
    assert csp.get("frame-ancestors") == ["'none'"], where
    assert response.get("X-Content-Type-Options") == "nosniff", where
    assert response.get("X-Frame-Options") == "DENY", where
    assert response.get("Referrer-Policy") == "same-origin", where


@pytest.mark.parametrize("path", PATHS)
def test_json_answers_when_logged_in(cast, client_for, path):
    response = client_for(cast.member).get(API + path.format(id=cast.case.public_id))
    assert response["Content-Type"].startswith("application/json"), path
    check_common(response, path)
    assert "no-store" in response["Cache-Control"], path


@pytest.mark.parametrize("path", PATHS[:5])
def test_json_answers_when_not_logged_in(cast, client, path):
    response = client.get(API + path.format(id=cast.case.public_id))
    assert response.status_code == 401
    check_common(response, path)


def test_docs_page_uses_only_own_static_files(cast, client_for):
    response = client_for(cast.member).get(f"{API}/docs")
    assert response.status_code == 200
    check_common(response, "docs")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    sources = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', body)
    assert sources and all(src.startswith("/static/ninja/") for src in sources), sources
    # Scripts are files from 'self' (allowed without a nonce); the only inline <script> is a JSON data
    # block, which a browser does not execute. tests/browser/test_api_docs.py loads it in chromium.
    for tag in re.findall(r"<script\b[^>]*>", body):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "cdn" not in body.lower() and "http://" not in body and "https://" not in body


def test_docs_and_schema_are_behind_the_login(client, db):
    for path in ("/docs", "/openapi.json"):
        response = client.get(API + path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), path


def test_schema_describes_the_read_operations_and_the_one_import(cast, client_for):
    schema = client_for(cast.member).get(f"{API}/openapi.json").json()
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations == {
        (f"{API}{p}", "get")
        for p in [
            "/cases",
            "/cases/{public_id}",
            "/cases/{public_id}/notes",
            "/cases/{public_id}/incidents",
            "/cases/{public_id}/attachments",
            "/cases/{public_id}/plan",
            "/cases/{public_id}/measurements",
            "/cases/{public_id}/timeline",
            "/insights/dossier-analysis",
        ]
    } | {(f"{API}/imports/case-files", "post")}  # the API's only write (issue 13, point 4)
    text = str(schema)
    assert 'address"' not in text and "'address'" not in text  # only has_confidential_address
    assert "basis_reason" not in text
