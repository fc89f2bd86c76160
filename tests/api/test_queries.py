"""Query-count guards for the API (as tests/web/test_queries.py for pages): every endpoint stays within
15 statements and costs the same with 1 and with 3 of everything it lists.

Like tests/web/test_queries.py, the bound leaves out SAVEPOINT statements: they exist only because each
test runs inside a transaction (the request's ATOMIC_REQUESTS block, the session save and the denial's own
block become savepoints; in production they are BEGIN/COMMIT, which are not queries). The fixture
django_assert_max_num_queries checks the total including them."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ineen.cases import actions
from ineen.cases.enums import Route, TriageDecision
from ineen.cases.models import CaseNote
from ineen.households.enums import IncidentRole, Relationship
from ineen.households.models import Incident, IncidentInvolvement, Person
from ineen.plans.models import BottomLine, PlanAction
from ineen.privacy.enums import Visibility
from tests.factories import OrganisationFactory, refer

from .conftest import API

MAX_QUERIES = 15
TEST_SAVEPOINTS = 6  # at most three SAVEPOINT/RELEASE pairs per request, test transaction only
_counter = itertools.count()

ENDPOINTS = ["/cases", "/cases?q=Test", "/cases/{id}", "/cases/{id}/notes", "/cases/{id}/incidents", "/cases/{id}/plan"]


def grow(cast, n):
    """n more of everything: cases of the member, persons, notes and incidents (readable and withheld,
    from a new organisation each time), plan actions and bottom lines."""
    case, today = cast.case, timezone.localdate()
    for _ in range(n):
        i = next(_counter)
        other = refer(
            cast.member,
            cast.house,
            name=f"Gezin Test{i}",
            people=[{"first_name": f"Lid{i}", "last_name": "Test", "relationship": Relationship.PARENT}],
        )
        actions.decide_triage(
            case=other, actor=cast.chair, decision=TriageDecision.ACCEPT, route=Route.REGULAR, reasons="Acuut."
        )
        actions.add_team_member(case=other, user=cast.member, role="professional", actor=cast.chair)
        org = OrganisationFactory(houses=[cast.house])
        person = Person.objects.create(
            household=case.household,
            first_name=f"Groei{i}",
            last_name="Test",
            relationship=Relationship.CHILD,
            has_confidential_address=True,
        )
        for visibility in (Visibility.TEAM, Visibility.SOURCE_ONLY):
            CaseNote.objects.create(
                case=case, author=cast.chair, text=f"Notitie {i}", visibility=visibility, source_organisation=org
            )
            incident = Incident.objects.create(
                household=case.household,
                date=today,
                violence_types=["physical"],
                source_organisation=org,
                visibility=visibility,
            )
            IncidentInvolvement.objects.create(incident=incident, person=person, role=IncidentRole.EXPERIENCED)
        PlanAction.objects.create(
            case=case, what=f"Actie {i}", owner=cast.member, owner_organisation=cast.member.organisation, due_on=today
        )
        BottomLine.objects.create(
            case=case,
            text=f"Bodemeis {i}",
            guardian=cast.member,
            guardian_organisation=cast.member.organisation,
            on_breach="Opschalen.",
        )


def statements(captured):
    return [q["sql"] for q in captured if not q["sql"].split("; ", 1)[-1].startswith(("SAVEPOINT", "RELEASE"))]


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    sql = statements(ctx.captured_queries)
    return len(sql), sql, response.json()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("viewer", ["chair", "member"])
def test_endpoints_cost_the_same_with_1_and_3_of_everything(cast, client_for, viewer, endpoint):
    client = client_for(getattr(cast, viewer))
    url = API + endpoint.format(id=cast.case.public_id)
    grow(cast, 1)
    client.get(url)  # warm up: session and per-process caches
    one, _sql, small = count(client, url)
    grow(cast, 2)
    three, sql_three, large = count(client, url)
    assert three == one, "\n".join(sql_three)
    assert large != small  # the list really grew


@pytest.mark.parametrize("page_size", [2, 25])  # a full page (the count needs a query) and the last page
@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("viewer", ["chair", "member"])
def test_endpoints_stay_within_the_bound(cast, client_for, django_assert_max_num_queries, viewer, endpoint, page_size):
    client = client_for(getattr(cast, viewer))
    grow(cast, 3)
    url = API + endpoint.format(id=cast.case.public_id)
    url += ("&" if "?" in url else "?") + f"page_size={page_size}"
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES + TEST_SAVEPOINTS) as ctx:
        assert client.get(url).status_code == 200
    sql = statements(ctx.captured_queries)
    assert len(sql) <= MAX_QUERIES, "\n".join(sql)


def test_a_denial_is_cheap_too(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.outsider)
    client.get(f"{API}/cases/{cast.case.public_id}/notes")
    with django_assert_max_num_queries(MAX_QUERIES + TEST_SAVEPOINTS) as ctx:
        assert client.get(f"{API}/cases/{cast.case.public_id}/notes").status_code == 404
    sql = statements(ctx.captured_queries)
    assert len(sql) <= MAX_QUERIES, "\n".join(sql)
