"""The API of issue 13 (point 6): measurements and timeline through get_case (404 + audit for an
outsider), the same figures as the page, and a query count that does not grow with the conferences."""

import pytest

from ineen.audit.models import AuditEvent

from ..api.test_queries import count
from ..web.test_queries import MAX_QUERIES
from .scenario import HIDDEN_INCIDENT_TYPE, measured

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_measurements_json(cast, login):
    measured(cast)
    body = login(cast.member).get(f"{API}/cases/{cast.case.public_id}/measurements").json()
    assert body["recurrence"] == 3
    immediate = next(s for s in body["scales"] if s["scale"] == "immediate_safety")
    assert [r["flagged"] for r in immediate["rows"]] == [True, False, False]
    assert [r["spread"] for r in immediate["rows"]][:2] == [5, 1]
    assert any(r["member"] and r["rater"] == "Anna" for r in immediate["rows"][0]["ratings"])


def test_timeline_json_filters_and_hides(cast, login):
    s = measured(cast)
    body = login(cast.member).get(f"{API}/cases/{cast.case.public_id}/timeline?kind=incident&kind=conference").json()
    kinds = {e["kind"] for e in body["entries"]}
    assert kinds == {"incident", "conference"}
    text = str(body)
    assert HIDDEN_INCIDENT_TYPE not in text and "Olaf" not in text
    assert s.om_org.name in body["withheld"]


@pytest.mark.parametrize("endpoint", ["measurements", "timeline"])
def test_outsider_404_audited(cast, login, endpoint):
    measured(cast)
    before = AuditEvent.objects.filter(outcome="denied").count()
    response = login(cast.outsider).get(f"{API}/cases/{cast.case.public_id}/{endpoint}")
    assert response.status_code == 404
    assert AuditEvent.objects.filter(outcome="denied").count() == before + 1


@pytest.mark.parametrize("endpoint", ["measurements", "timeline"])
def test_api_queries_constant(cast, login, endpoint):
    s = measured(cast)
    client = login(cast.member)
    url = f"{API}/cases/{cast.case.public_id}/{endpoint}"
    client.get(url)
    few, _sql, small = count(client, url)
    measured(cast, om=s.om)
    many, sql, large = count(client, url)
    assert few == many and many <= MAX_QUERIES, "\n".join(sql)
    assert small != large
