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

import json

import pytest
from django.conf import settings
from django.urls import reverse

from ineen.audit.models import AuditEvent, Outcome
from tests.factories import CLOSURE_PLAN

from .test_matrix import ROLES

#                                      chair dir mem exp out for mgr adm res oth anon
MATRIX_API = {
    "api:cases": {"GET": "A   A   A   A   A   A   A   A   A   A   U"},  # own cases only
    "api:case_detail": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_notes": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_attachments": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_incidents": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_plan": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    # i13-report: the dossier analysis, aggregates only: chair, manager, researcher (other_chair: own house)
    "api:dossier_analysis": {"GET": "A   D   D   D   D   D   A   D   A   A   U"},
    # import of old case files (issue 13): the house's chair and functional admin only (a dry run here)
    "api:import_case_files": {"POST": "A   D   D   D   D   D   D   A   D   D   U"},
    # issue 13: repeated measurement and the family's timeline, case reads as the pages
    "api:case_measurements": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    "api:case_timeline": {"GET": "A   A   A   A   D   D   D   D   D   D   U"},
    # the API's description: no case data, but only for logged-in users (behind mandatory MFA)
    "api:openapi-json": {"GET": "A   A   A   A   A   A   A   A   A   A   L"},
    "api:openapi-view": {"GET": "A   A   A   A   A   A   A   A   A   A   L"},
}


def url_for(route, cast):
    if route.startswith("api:case_"):
        return reverse(route, kwargs={"public_id": cast.case.public_id})
    if route == "api:import_case_files":
        return reverse(route) + f"?house={cast.house.code}&dry_run=true"
    return reverse(route)


def body_for(route, cast):
    """A valid, empty import file for the import route (its dry run answers 200 to those allowed)."""
    if route != "api:import_case_files":
        return ""
    source = cast.chair.organisation.name
    return json.dumps({"format": "ineen-dossiers", "version": 1, "source_organisation": source, "households": []})


def denied_object(route, cast):
    if route == "api:import_case_files":
        return cast.house.code
    return str(cast.case.public_id) if route.startswith("api:case_") else ""


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
    response = http.generic(method, url_for(route, cast), body_for(route, cast), content_type="application/json")
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
        assert (denial.outcome, denial.actor, denial.object_id) == (Outcome.DENIED, user, denied_object(route, cast)), (
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


# --- a closed case, and a household with a later case (docs/privacy.md, "Households with several cases") ----
# The API only reads. A closed case: its team reads it for INEEN_CLOSED_CASE_READ_DAYS after closure, then
# 404 (audited); the chair keeps reading. Through the earlier case, nothing recorded in a later case of the
# household comes back, for any role.

CASE_ROUTES = [route for route in MATRIX_API if route.startswith("api:case_")]
TEAM_ROLES = ["chair", "director", "member", "expert"]
#                                 chair dir mem exp
CLOSED_WITHIN_PERIOD = "A   A   A   A"
CLOSED_PAST_PERIOD = "A   D   D   D"


@pytest.mark.parametrize("past", [False, True], ids=["within-period", "past-period"])
@pytest.mark.parametrize("route", CASE_ROUTES)
def test_matrix_api_closed_case(route, past, cast, login, settings):
    from django.utils import timezone

    from ineen.cases import actions
    from ineen.cases.models import Case

    settings.INEEN_CLOSED_CASE_READ_DAYS = 90
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Afgerond.")
    if past:
        Case.objects.filter(pk=cast.case.pk).update(closed_at=timezone.now() - timezone.timedelta(days=91))
    row = (CLOSED_PAST_PERIOD if past else CLOSED_WITHIN_PERIOD).split()
    for role, expected in zip(TEAM_ROLES, row, strict=True):
        where = f"GET {route} as {role}, case closed ({'past' if past else 'within'} the period)"
        user = getattr(cast, role)
        before = AuditEvent.objects.count()
        response = login(user).get(url_for(route, cast))
        if expected == "A":
            assert response.status_code == 200, f"unexpected deny: {where} gave {response.status_code}"
        else:
            assert response.status_code == 404, f"unexpected allow: {where} gave {response.status_code}"
            assert response.json() == {"detail": "Niet gevonden."}, where
            denial = AuditEvent.objects.order_by("pk")[before:].get()
            assert (denial.outcome, denial.actor) == (Outcome.DENIED, user), where


@pytest.mark.parametrize("role", TEAM_ROLES)
def test_matrix_api_later_case_records(role, cast, login):
    from django.utils import timezone

    from ineen.cases import actions
    from ineen.households import actions as household_actions
    from ineen.households.models import Incident, Person

    later = actions.submit_referral(
        actor=cast.member,
        house=cast.house,
        household_name="",
        people=[],
        answers={"summary": "Opnieuw."},
        existing_household=cast.case.household,
    )
    carla = household_actions.save_record(
        case=later, record=Person(first_name="Carla", relationship="child"), actor=cast.chair
    )
    household_actions.record_incident(
        case=later,
        incident=Incident(date=timezone.localdate(), violence_types=["threat"], description="Later incident."),
        involvements=[(carla, "experienced")],
        actor=cast.chair,
    )
    http = login(getattr(cast, role))
    for route in CASE_ROUTES:
        body = http.get(url_for(route, cast)).content.decode()
        assert "Carla" not in body and "Later incident." not in body, f"GET {route} as {role}"
    if role == "chair":  # she sees them through the later case
        body = http.get(reverse("api:case_incidents", kwargs={"public_id": later.public_id})).content.decode()
        assert "Later incident." in body
