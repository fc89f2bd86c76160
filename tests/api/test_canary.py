"""The canary idea (tests/security/test_canary.py) for the API, lightly: unique markers in a source-only
note, a consent-based note without consent and a confidential address; every role fetches every API
endpoint (and searches for every marker). Per marker, who may see it is written down from
docs/privacy.md, not from the policy code:

- source only: only users of the source organisation (the police officer in the team);
- consent-based without running consent: only the source organisation (the ggz professional);
- a confidential address: nobody, ever — the API has no page that reveals it (only the flag).

The test fails on any marker seen where it may not be, and on a marker its allowed user does not see
(so the crawl really looks)."""

import uuid

import pytest

from .conftest import build_world

ROLES = [
    "chair",
    "director",
    "member",
    "expert",
    "outsider",
    "former",
    "manager",
    "admin",
    "researcher",
    "other_chair",
    "agent",
    "ggz",
    "anonymous",
]
ALLOWED = {"police_source": {"agent"}, "ggz_no_consent": {"ggz"}, "address": set()}
MUST_SHOW = {"police_source", "ggz_no_consent"}
PATHS = [
    "/cases",
    "/cases/{id}",
    "/cases/{id}/notes",
    "/cases/{id}/incidents",
    "/cases/{id}/plan",
    "/cases/{id}/notes?page_size=1&page=2",
    "/cases/{id}/incidents?page=2",
    "/cases/{id}/measurements",
    "/cases/{id}/timeline",
    "/cases/{id}/timeline?kind=incident&kind=conference",
]


@pytest.fixture
def markers(cast):
    texts = {key: f"CANARY-{key}-{uuid.uuid4().hex}" for key in ALLOWED}
    world = build_world(cast, texts={**texts, "incident_police": texts["police_source"] + "-incident"})
    return texts, world


def test_markers_only_where_docs_privacy_allows(cast, markers, client, client_for):
    texts, world = markers
    seen = {key: set() for key in texts}
    leaks = []
    for role in ROLES:
        user = None if role == "anonymous" else getattr(world, role, None) or getattr(cast, role)
        http = client if user is None else client_for(user)
        urls = [f"/api/v1{p.format(id=cast.case.public_id)}" for p in PATHS]
        urls += [f"/api/v1/cases?q={text}" for text in texts.values()]
        for url in urls:
            body = http.get(url).content.decode()
            for key, text in texts.items():
                if text in body:
                    seen[key].add(role)
                    if role not in ALLOWED[key]:
                        leaks.append(f"{key} seen by {role} at {url}")
    assert leaks == []
    for key in MUST_SHOW:
        assert seen[key] == ALLOWED[key], f"{key}: the crawl did not find it where it should ({seen[key]})"
    assert seen["address"] == set()
