"""Schemathesis over the API's own OpenAPI description (QUALITY.md, "Fuzzing": 0 server errors).

- The description is /api/v1/openapi.json as the app serves it to a logged-in user.
- Every operation is called in-process through Django's WSGI handler (schemathesis' WSGI transport),
  with the session cookie of a cast user who is logged in with a second factor, so the whole middleware
  stack runs: session limits, mandatory MFA, audit, the access policy. Once as a team member of the
  cast's case and once as a professional of the same house outside the team (the 404 path).
- All three phases of schemathesis: examples, coverage (boundary and invalid values of every parameter)
  and fuzzing (hypothesis), in positive and negative mode. All its response checks: no 5xx, status code
  documented, content type, response headers and schema as documented, invalid input rejected, valid input
  accepted, and `ignored_auth` (each operation also sent without a session and with an invalid one).
- A random UUID is (almost) never a case, so valid ids are aimed at the cast's own case (all in the
  coverage phase, half in the fuzzing phase): the member then gets the 200 answers, the outsider the same
  404 as for an unknown id.
"""

import json
import zlib
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import resolve
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from tests.api.conftest import API

EXAMPLES = 25  # per operation and user in the fuzzing phase; the coverage phase adds its own cases


def served_description() -> dict:
    """/api/v1/openapi.json as the app serves it to a logged-in user. Read when the tests are collected
    (schemathesis makes one test per operation then; there is no database yet), so through the URL's own
    view with a logged-in stand-in; test_the_fuzzed_description_is_the_served_one checks that a real
    session with MFA, through all middleware, gets exactly this document."""
    request = RequestFactory().get(f"{API}/openapi.json")
    request.user = SimpleNamespace(is_authenticated=True, is_active=True)
    match = resolve(request.path)
    response = match.func(request, *match.args, **match.kwargs)
    assert response.status_code == 200, response.content[:200]
    return json.loads(response.content)


DESCRIPTION = served_description()
schema = schemathesis.openapi.from_dict(DESCRIPTION)
schema.app = WSGIHandler()  # every request, schemathesis' own probes too, in-process

SESSION = {}  # the session cookie of the current test's logged-in user (set by `fuzz_session`)
PENDING = "session-of-the-test"  # stands in for it in cases built at collection time (the coverage phase)


@schema.auth(refresh_interval=None)
class SessionCookie:
    """The API's security scheme (SessionAuth: the session cookie), given to schemathesis as its auth, so
    it knows which requests carry valid credentials: negative cases that drop or spoil the cookie must get
    401, and `ignored_auth` checks that every operation refuses a request without a valid session. The
    coverage cases are built when the tests are collected, before anyone is logged in, so the cookie in
    the case is a placeholder and the test's real session is sent in its place (`sent_as_the_test_user`)."""

    def get(self, case, context):
        return PENDING

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), django_settings.SESSION_COOKIE_NAME: data}


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler inside the test's transaction: like Django's test client, it must not close
    the database connection at the start and end of each request (that would break the transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schema.app
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(params=["member", "outsider", "researcher"])
def fuzz_user(request, cast):
    """A team member of the cast's case (sees it), a professional of the same house outside the team
    (does not: every per-case operation must answer 404, as for an unknown id) and the house's researcher
    (the dossier analysis answers 200; the case operations 404)."""
    return getattr(cast, request.param)


@pytest.fixture
def fuzz_session(fuzz_user, client_for):
    client = client_for(fuzz_user)  # logged in, with a second factor
    SESSION["cookie"] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    yield SESSION["cookie"]
    SESSION.clear()


@contextmanager
def sent_as_the_test_user(case, cast):
    """Fill in the test's real session for the auth placeholder (not when schemathesis dropped or spoiled
    the cookie on purpose: that request must go out without a valid session), and aim valid case ids at
    the cast's case: every one in the coverage phase, half of them in the fuzzing phase (the coin is the
    generated id, so a failing example replays the same; a `@schema.given` strategy would turn off the
    coverage phase). Ids generated to be invalid stay as they are.

    The coverage cases are built once, at collection, and shared by both users' tests, so the case is
    changed only for the call and restored afterwards (for the same reason the session is not passed as
    `call(cookies=...)`: schemathesis 4.32 merges those into the case's own cookies)."""
    name = django_settings.SESSION_COOKIE_NAME
    saved_cookies, saved_path = dict(case.cookies or {}), dict(case.path_parameters or {})
    if saved_cookies.get(name) == PENDING:
        case.cookies[name] = SESSION["cookie"]
    modes = {location.value: component.mode for location, component in case.meta.components.items()}
    public_id = saved_path.get("public_id")
    if (
        public_id is not None
        and modes.get("path") is GenerationMode.POSITIVE
        and (case.meta.phase.name.value == "coverage" or zlib.crc32(str(public_id).encode()) % 2 == 0)
    ):
        case.path_parameters["public_id"] = str(cast.case.public_id)
    try:
        yield case
    finally:
        case.cookies, case.path_parameters = saved_cookies, saved_path


def test_the_fuzzed_description_is_the_served_one(cast, client_for):
    response = client_for(cast.member).get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response.json() == DESCRIPTION
    assert set(DESCRIPTION["paths"]) == {
        f"{API}/cases",
        f"{API}/cases/{{public_id}}",
        *(
            f"{API}/cases/{{public_id}}/{part}"
            for part in ("notes", "incidents", "attachments", "plan", "measurements", "timeline")
        ),
        f"{API}/insights/dossier-analysis",
        f"{API}/imports/case-files",
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_fuzz(case, cast, fuzz_user, fuzz_session, wsgi_app):
    with sent_as_the_test_user(case, cast):
        case.call_and_validate()
