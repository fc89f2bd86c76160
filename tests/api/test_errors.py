"""Bad input gets a 4xx with a clear Dutch message, as JSON; never a 500 and never data."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BAD = [
    ("/cases/niet-een-uuid", {}, "public_id is geen geldig kenmerk"),
    ("/cases/123", {}, "public_id is geen geldig kenmerk"),
    ("/cases/niet-een-uuid/notes", {}, "public_id is geen geldig kenmerk"),
    ("/cases/niet-een-uuid/incidents", {}, "public_id is geen geldig kenmerk"),
    ("/cases/niet-een-uuid/plan", {}, "public_id is geen geldig kenmerk"),
    ("/cases", {"page": "-1"}, "page moet 1 of groter zijn"),
    ("/cases", {"page": "0"}, "page moet 1 of groter zijn"),
    ("/cases", {"page": "een"}, "page moet een geheel getal zijn"),
    ("/cases", {"page": "99999999999999999999999"}, "page mag niet groter zijn dan 10000"),
    ("/cases", {"page_size": "0"}, "page_size moet 1 of groter zijn"),
    ("/cases", {"page_size": "101"}, "page_size mag niet groter zijn dan 100"),
    ("/cases", {"q": "x" * 101}, "q mag hoogstens 100 tekens lang zijn"),
    ("/cases", {"q": "a\x00b"}, "q bevat een teken dat niet is toegestaan"),
    ("/cases", {"status": "weg"}, "status moet een van deze waarden zijn"),
    ("/cases", {"route": "snel"}, "route moet een van deze waarden zijn"),
    ("/cases/{id}/notes", {"page": "-1"}, "page moet 1 of groter zijn"),
    ("/cases/{id}/incidents", {"page_size": "1000"}, "page_size mag niet groter zijn dan 100"),
]


@pytest.mark.parametrize(("path", "params", "message"), BAD)
def test_bad_input_gets_a_dutch_400(cast, api_client, path, params, message):
    response = api_client(cast.chair, path.format(id=cast.case.public_id), **params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"].startswith("Ongeldige invoer: ")
    assert message in body["detail"]
    assert body["errors"] and all(set(e) == {"field", "message"} for e in body["errors"])
    assert cast.case.reference not in response.content.decode()


def test_bad_input_is_checked_after_the_login(cast, client):
    assert client.get("/api/v1/cases/niet-een-uuid").status_code == 401


def test_an_unknown_api_path_is_a_plain_404(cast, api_client):
    assert api_client(cast.chair, "/bestaat-niet").status_code == 404
    assert api_client(cast.chair, f"/cases/{uuid.uuid4()}/bestaat-niet").status_code == 404


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    page=st.text(max_size=12),
    size=st.text(max_size=6),
    q=st.text(max_size=120),
    status=st.sampled_from(["", "active", "closed", "x", "ACTIVE"]),
)
def test_no_query_string_makes_a_500(cast, api_client, page, size, q, status):
    """On PostgreSQL this also shows that no character (NUL included) reaches the database as an error."""
    params = {key: value for key, value in {"page": page, "page_size": size, "q": q, "status": status}.items() if value}
    response = api_client(cast.member, "/cases", **params)
    assert response.status_code in (200, 400), (params, response.content)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_get_a_dutch_json_405(cast, client_for, method):
    response = getattr(client_for(cast.member), method)(f"/api/v1/cases/{cast.case.public_id}/notes")
    assert response.status_code == 405
    assert response.json() == {"detail": "Deze methode is hier niet toegestaan: de API kan alleen lezen (GET)."}
    assert "GET" in response["Allow"]
    assert "no-store" in response["Cache-Control"]


def test_pages_keep_their_own_405(cast, client_for):
    response = client_for(cast.member).put("/casussen/")
    assert response.status_code == 405 and not response["Content-Type"].startswith("application/json")
