"""Authorization matrix for the read-only API (/api/v1/, ineen/api/): every operation × role of the cast.

Same cast, ROLES and legend as test_matrix.py, as the API answers (one letter per role, ROLES order):
  A  allowed: 200 (JSON; the docs page HTML).
  D  denied: 404 with the same JSON as for an unknown id ({"detail": "Niet gevonden."}), no case data;
     the denial is audited.
  U  anonymous at the API: 401 with JSON and no data (there is no login page to redirect an API call to;
     the login is the same session login as for pages, with MFA).
  L  anonymous at the docs page and schema: redirected to the login page.
Methods not in a route's row are refused with 405 (test_other_methods_refused).

Rows written from docs/privacy.md, "Who sees a case": case data for the chair of the case's house and
active team members (director, member, expert); not for a former member, an outsider, the manager,
functional admin, researcher or another house's chair — unknown and forbidden look the same (404).
The case list answers everyone logged in, with only their own cases (none for most of them).
test_routes_meta.py fails when an API operation has no row here.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from ineen.audit.models import AuditEvent, Outcome

from .test_matrix import ROLES

#                                      chair dir mem exp out for mgr adm res oth anon
MATRIX_API = {
    "api:cases": {"GET": "A   A   A   A   A   A   A   A   A   A   U"},  # own cases only
    "api:case_detail": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_notes": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_attachments": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_incidents": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_plan": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    # the API's description: no case data, but only for logged-in users (behind mandatory MFA)
    "api:openapi-json": {"GET": "A   A   A   A   A   A   A   A   A   A   L"},
    "api:openapi-view": {"GET": "A   A   A   A   A   A   A   A   A   A   L"},
}


def url_for(route, cast):
    if route.startswith("api:case_"):
        return reverse(route, kwargs={"public_id": cast.case.public_id})
    return reverse(route)


def cells():
    for route, methods in MATRIX_API.items():
        for method, row in methods.items():
            expected = row.split()
            assert len(expected) == len(ROLES), f"{route} {method}: {len(expected)} columns, not {len(ROLES)}"
            for role, outcome in zip(ROLES, expected, strict=True):
                yield pytest.param(route, method, role, outcome, id=f"{route}-{method}-{role}")


@pytest.mark.parametrize(("route", "method", "role", "expected"), list(cells()))
def test_matrix_api(route, method, role, expected, cast, client, login):
    where = f"{method} {route} as {role}"
    user = None if role == "anonymous" else getattr(cast, role)
    http = login(user) if user else client
    before = AuditEvent.objects.count()
    response = http.generic(method, url_for(route, cast))
    status, body = response.status_code, response.content.decode()
    if expected in ("D", "U"):
        assert cast.case.reference not in body and str(cast.case.household.public_id) not in body, where
    if expected == "A":
        assert status == 200, f"unexpected deny: {where} gave {status}"
        if route in ("api:case_detail", "api:case_plan"):
            assert cast.case.reference in body, where
        elif route in ("api:case_notes", "api:case_incidents", "api:case_attachments"):
            assert set(response.json()) >= {"items", "count", "withheld"}, where
    elif expected == "D":
        assert status == 404, f"unexpected allow: {where} gave {status}, expected 404"
        assert response.json() == {"detail": "Niet gevonden."}, where
        denial = AuditEvent.objects.order_by("pk")[before:].get()
        assert (denial.outcome, denial.actor, denial.object_id) == (Outcome.DENIED, user, str(cast.case.public_id)), (
            where
        )
    elif expected == "U":
        assert status == 401, f"{where}: expected 401, got {status}"
        assert response["Content-Type"].startswith("application/json"), where
    elif expected == "L":
        assert status == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL)), where
    else:
        raise AssertionError(f"unknown expectation {expected!r}")


@pytest.mark.parametrize("route", list(MATRIX_API))
def test_other_methods_refused(route, cast, login):
    """The API is read-only: every method without a column in the matrix is refused (405)."""
    http = login(cast.chair)
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        if method in MATRIX_API[route]:
            continue
        status = http.generic(method, url_for(route, cast)).status_code
        assert status == 405, f"{method} {route} as chair gave {status}, expected 405"
