"""The case list and one case through the API: only what the access policy allows, the HTML list's own
search, counts from the policy's queryset, audit events like the pages, 404 for unknown and forbidden."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from ineen.access import policy
from ineen.audit.models import Action, AuditEvent, Outcome
from ineen.cases import actions
from ineen.cases.enums import Route, TriageDecision
from ineen.households.enums import Relationship
from tests.factories import refer

from .conftest import API

CASE_PATHS = ["/cases/{id}", "/cases/{id}/notes", "/cases/{id}/incidents", "/cases/{id}/plan"]


def paths(case_id):
    return ["/cases", *[p.format(id=case_id) for p in CASE_PATHS]]


def more_cases(cast, n, name="Gezin Extra"):
    made = []
    for i in range(n):
        case = refer(
            cast.member,
            cast.house,
            name=f"{name} {i}",
            people=[{"first_name": f"Ouder{i}", "last_name": "Extra", "relationship": Relationship.PARENT}],
        )
        actions.decide_triage(
            case=case, actor=cast.chair, decision=TriageDecision.ACCEPT, route=Route.REGULAR, reasons="Acuut."
        )
        actions.add_team_member(case=case, user=cast.member, role="professional", actor=cast.chair)
        made.append(case)
    return made


# --- who gets in ----------------------------------------------------------------------------------


def test_anonymous_gets_401_json_and_no_data(cast, client):
    for path in paths(cast.case.public_id):
        response = client.get(API + path)
        assert response.status_code == 401, path
        assert response["Content-Type"].startswith("application/json"), path
        assert "Niet ingelogd" in response.json()["detail"]
        assert cast.case.reference not in response.content.decode()


def test_user_without_second_factor_gets_the_mfa_redirect_and_no_data(cast):
    """The MFA middleware answers the API as it answers pages: to the MFA page, nothing else."""
    client = Client()
    client.force_login(cast.chair)  # no authenticator
    for path in paths(cast.case.public_id):
        response = client.get(API + path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("web:mfa_required")
        assert cast.case.reference not in response.content.decode()
    assert not AuditEvent.objects.filter(request_path__startswith=API).exists()


def test_other_methods_are_refused(cast, client_for):
    client = client_for(cast.chair)
    for path in paths(cast.case.public_id):
        for method in ("post", "put", "patch", "delete"):
            assert getattr(client, method)(API + path).status_code == 405, f"{method} {path}"


# --- the list ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    ["chair", "director", "member", "expert", "outsider", "former", "manager", "admin", "researcher", "other_chair"],
)
def test_list_is_exactly_the_policy_queryset(cast, api_client, role):
    user = getattr(cast, role)
    more_cases(cast, 2)
    body = api_client(user, "/cases").json()
    expected = policy.cases_for_user(user)
    assert body["count"] == expected.count()
    assert {item["public_id"] for item in body["items"]} == {str(c.public_id) for c in expected}


@pytest.mark.parametrize("q", ["Test", "gezin extra", "Ouder1", "HGL-", "Bram", "niemand"])
def test_search_is_the_html_lists_search(cast, api_client, client_for, q):
    more_cases(cast, 3)
    for user in (cast.chair, cast.member, cast.outsider):
        body = api_client(user, "/cases", q=q).json()
        html = client_for(user).get(reverse("web:case_list"), {"q": q}).context["page"]
        assert body["count"] == html.paginator.count, (user, q)
        assert [i["reference"] for i in body["items"]] == [c.reference for c in html.object_list]


def test_a_nul_character_in_the_html_search_is_no_500(cast, client_for):
    """PostgreSQL refuses NUL characters: the pages refuse them with a clear 400 (and the shared search
    drops them, should one come through another way); the API refuses them with its own 400."""
    response = client_for(cast.member).get(reverse("web:case_list"), {"q": "Te\x00st"})
    assert response.status_code == 400
    from ineen.cases.models import Case
    from ineen.cases.search import search_cases

    assert search_cases(Case.objects.all(), "Te\x00st").count() == 1


def test_filters_by_state_and_route(cast, api_client):
    more_cases(cast, 2)
    assert api_client(cast.chair, "/cases", route="regular").json()["count"] == 2
    assert api_client(cast.chair, "/cases", route="mda").json()["count"] == 1
    assert api_client(cast.chair, "/cases", status="closed").json()["count"] == 0
    assert (
        api_client(cast.chair, "/cases", status="active", route="mda").json()["items"][0]["reference"]
        == cast.case.reference
    )


def test_pagination(cast, api_client):
    more_cases(cast, 4)
    first = api_client(cast.member, "/cases", page_size=2).json()
    assert (first["count"], first["pages"], first["page"], len(first["items"])) == (5, 3, 1, 2)
    seen = [
        i["public_id"]
        for p in (1, 2, 3)
        for i in api_client(cast.member, "/cases", page_size=2, page=p).json()["items"]
    ]
    assert len(seen) == len(set(seen)) == 5
    beyond = api_client(cast.member, "/cases", page_size=2, page=4).json()
    assert beyond["items"] == [] and beyond["count"] == 5


def test_list_and_search_are_audited_like_the_html_list(cast, api_client):
    more_cases(cast, 2)
    api_client(cast.member, "/cases", page_size=2)
    event = AuditEvent.objects.latest("pk")
    shown = api_client(cast.member, "/cases", page_size=2).json()["items"]
    assert (event.action, event.object_type, event.purpose, event.outcome) == (
        Action.LIST,
        "case_list",
        "casusoverzicht",
        Outcome.ALLOWED,
    )
    assert event.detail == ",".join(item["reference"] for item in shown)
    assert event.request_path == f"{API}/cases"
    assert event.actor == cast.member
    found = api_client(cast.member, "/cases", q="Extra 1").json()["items"]
    event = AuditEvent.objects.latest("pk")
    # The exact match first; on PostgreSQL similar names follow (typo-tolerant search, issue 12).
    assert found[0]["household_name"] == "Gezin Extra 1"
    assert (event.action, event.detail) == (Action.SEARCH, ",".join(item["reference"] for item in found))


# --- one case -----------------------------------------------------------------------------------


def test_case_detail(cast, world, api_client):
    body = api_client(cast.member, f"/cases/{cast.case.public_id}").json()
    assert body["reference"] == cast.case.reference
    assert body["relation"] == "professional"
    members = {m["first_name"]: m for m in body["household"]["members"]}
    assert members["Anna"]["has_confidential_address"] is True
    assert members["Bram"]["has_confidential_address"] is False
    assert world.address not in str(body)


def test_case_detail_is_audited_by_get_case(cast, api_client):
    api_client(cast.director, f"/cases/{cast.case.public_id}")
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.object_type, event.object_id, event.outcome, event.role, event.purpose) == (
        Action.VIEW,
        "case",
        str(cast.case.public_id),
        Outcome.ALLOWED,
        "case_director",
        "casusoverzicht",
    )
    assert event.household_id == str(cast.case.household.public_id)


@pytest.mark.parametrize("role", ["outsider", "former", "manager", "admin", "researcher", "other_chair"])
def test_forbidden_and_unknown_look_the_same_and_denials_are_audited(cast, api_client, role):
    user = getattr(cast, role)
    unknown = uuid.uuid4()
    for template in CASE_PATHS:
        before = AuditEvent.objects.count()
        forbidden = api_client(user, template.format(id=cast.case.public_id))
        missing = api_client(user, template.format(id=unknown))
        assert forbidden.status_code == missing.status_code == 404, template
        assert forbidden.content == missing.content == b'{"detail": "Niet gevonden."}'
        events = list(AuditEvent.objects.order_by("pk")[before:])
        assert [(e.outcome, e.object_id, e.detail) for e in events] == [
            (Outcome.DENIED, str(cast.case.public_id), "no relation"),
            (Outcome.DENIED, str(unknown), "unknown"),
        ], template
        assert all(e.actor == user and e.request_path.startswith(API) for e in events)


def test_no_database_keys_anywhere(cast, world, api_client):
    def walk(value, where):
        if isinstance(value, dict):
            for key, inner in value.items():
                assert key not in {"id", "pk"} and not key.endswith("_id") or key == "public_id", where
                if key == "public_id":
                    uuid.UUID(inner)
                walk(inner, f"{where}.{key}")
        elif isinstance(value, list):
            for inner in value:
                walk(inner, where)

    for path in paths(cast.case.public_id):
        walk(api_client(cast.chair, path).json(), path)
