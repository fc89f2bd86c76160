"""POST /api/v1/imports/case-files (issue 13, point 4): who may, CSRF, answers, and no 500 for any body."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ineen.audit.models import AuditEvent, Outcome
from ineen.cases.models import Case
from ineen.households.models import Household
from tests.factories import OrganisationFactory
from tests.imports.test_import import SAMPLE, organisation_names

from .conftest import API

URL = f"{API}/imports/case-files"


@pytest.fixture
def orgs(cast):
    for name in organisation_names(SAMPLE):
        OrganisationFactory(name=name, houses=[cast.house])


def post(client, body, **params):
    query = "&".join(f"{k}={v}" for k, v in {"house": "hgl", **params}.items())
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"{URL}?{query}", data, content_type="application/json")


def test_the_chair_imports_the_sample_and_again_changes_nothing(cast, orgs, client_for):
    http = client_for(cast.chair)
    response = post(http, SAMPLE)
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["created"] == {
        "household": 3,
        "person": 8,
        "life_domain": 8,
        "incident": 4,
        "measure": 4,
        "conference": 6,
        "agreement": 9,
    }
    assert len(answer["cases"]) == 3 and not answer["dry_run"]
    events = AuditEvent.objects.filter(purpose="import dossiers")
    assert set(events.values_list("origin_channel", flat=True)) == {"api"}
    audit = AuditEvent.objects.count()
    again = post(http, SAMPLE).json()
    assert sum(again["created"].values()) == 0 and again["already_imported"]["agreement"] == 9
    assert AuditEvent.objects.count() == audit + 1


def test_a_broken_file_is_a_400_with_every_problem_and_nothing_imported(cast, orgs, client_for):
    data = json.loads(json.dumps(SAMPLE))
    data["households"][0]["persons"][0]["birth_date"] = "1984-02-30"
    data["households"][1]["conferences"][0]["organisations_present"].append("Nergens")
    response = post(client_for(cast.admin), data)
    assert response.status_code == 400
    answer = response.json()
    assert answer["detail"] == "Niets geïmporteerd: 2 fout(en) in het bestand."
    assert {p["path"] for p in answer["problems"]} == {
        "$.households[0].persons[0].birth_date",
        "$.households[1].conferences[0].organisations_present[4]",
    }
    assert Household.objects.filter(name="Gezin Proef").count() == 0
    attempt = AuditEvent.objects.order_by("pk").last()
    assert (attempt.outcome, attempt.origin_channel) == (Outcome.DENIED, "api")


@pytest.mark.parametrize("role", ["member", "director", "outsider", "manager", "researcher", "other_chair"])
def test_others_get_404_and_the_refusal_is_audited(cast, orgs, client_for, role):
    user = getattr(cast, role)
    before = AuditEvent.objects.count()
    response = post(client_for(user), SAMPLE)
    assert response.status_code == 404 and response.json() == {"detail": "Niet gevonden."}
    denial = AuditEvent.objects.order_by("pk")[before:].get()
    assert (denial.outcome, denial.actor, denial.object_type) == (Outcome.DENIED, user, "case_file_import")
    assert not Case.objects.filter(household__name="Gezin Proef").exists()


def test_an_unknown_house_looks_the_same(cast, client_for):
    response = post(client_for(cast.chair), SAMPLE, house="nope")
    assert response.status_code == 404 and response.json() == {"detail": "Niet gevonden."}


def test_a_post_without_the_csrf_token_is_refused(cast, orgs):
    Authenticator.objects.create(user=cast.chair, type=Authenticator.Type.TOTP, data={"secret": "x"})
    http = Client(enforce_csrf_checks=True)
    http.force_login(cast.chair)
    response = post(http, SAMPLE)
    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF-controle mislukt")
    assert not Household.objects.filter(name="Gezin Proef").exists()
    http.get("/")  # any page sets the csrftoken cookie
    token = http.cookies["csrftoken"].value
    response = http.post(
        f"{URL}?house=hgl", json.dumps(SAMPLE), content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200, response.content


def test_not_logged_in_is_401(cast, client):
    assert post(client, SAMPLE).status_code == 401


def test_get_is_405_in_dutch(cast, client_for):
    response = client_for(cast.chair).get(f"{URL}?house=hgl")
    assert response.status_code == 405
    assert response.json() == {"detail": "Deze methode is hier niet toegestaan: hier kunt u alleen versturen (POST)."}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def mutated_sample():
    """The sample with one value somewhere replaced by arbitrary JSON: most bodies then reach the checks
    of meaning, not only the schema."""
    paths = []

    def walk(value, path):
        paths.append(path)
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(SAMPLE, ())

    def put(args):
        path, value = args
        data = json.loads(json.dumps(SAMPLE))
        if not path:
            return value
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        return data

    return st.tuples(st.sampled_from(paths), JSON).map(put)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(body=mutated_sample() | JSON | st.binary(max_size=40).map(bytes))
def test_no_body_makes_a_500(cast, orgs, client_for, body):
    """On PostgreSQL this also shows that no value (NUL included) reaches the database as an error."""
    response = post(client_for(cast.chair), body, dry_run="true")
    assert response.status_code in (200, 400), (body, response.content[:300])
