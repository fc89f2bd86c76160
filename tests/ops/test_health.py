"""The health endpoint (ineen/ops/views.py): open, no case data, not audited; 503 when a dependency fails."""

import json
import logging

import pytest
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.ops import request_log

pytestmark = pytest.mark.django_db


def test_healthy_node_answers_200_without_login(client):
    response = client.get(reverse("ops:health"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "cache": "ok", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert not AuditEvent.objects.exists()  # nobody's data was read
    assert "sessionid" not in response.cookies


def test_database_down_is_503(client, monkeypatch):
    from ineen.ops import views

    monkeypatch.setattr(views, "_database", lambda alias: False)
    response = client.get(reverse("ops:health"))
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"


def test_cache_down_is_503(client, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get(reverse("ops:health"))
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "unavailable"


def test_no_https_redirect_for_the_balancer(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("ops:health")).status_code == 200
    assert client.get(reverse("account_login")).status_code == 301


def test_request_log_has_route_template_not_ids_or_query(client, login, cast, caplog):
    """One line per request: the route's template, never the path's ids nor the query string; the user as
    a keyed hash."""
    http = login(cast.chair)
    with caplog.at_level(logging.INFO, logger="ineen.requests"):
        http.get(reverse("web:case_detail", args=[cast.case.public_id]) + "?q=Jansen")
    (record,) = [r for r in caplog.records if r.name == "ineen.requests"]
    assert record.route == "/casussen/<uuid:public_id>/"
    assert record.method == "GET" and record.status == 200 and record.duration_ms >= 0
    assert record.user == request_log.user_hash(cast.chair.pk)
    assert str(cast.chair.pk) != record.user
    text = json.dumps(record.__dict__, default=str)
    assert str(cast.case.public_id) not in text and "Jansen" not in text


def test_request_log_home_route(client, login, cast, caplog):
    http = login(cast.chair)
    with caplog.at_level(logging.INFO, logger="ineen.requests"):
        http.get("/")
    (record,) = [r for r in caplog.records if r.name == "ineen.requests"]
    assert record.route == "/" and record.status == 200


def test_request_log_anonymous_and_unmatched(client, caplog):
    with caplog.at_level(logging.INFO, logger="ineen.requests"):
        client.get("/bestaat-niet/123/")
    (record,) = [r for r in caplog.records if r.name == "ineen.requests"]
    assert record.route == "<unmatched>" and record.user is None and record.status == 404


def test_json_formatter_writes_one_json_object_per_line():
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    record = logging.LogRecord("ineen.requests", logging.INFO, __file__, 1, "request", None, None)
    record.route, record.status = "/gezond/", 200
    line = formatter.format(record)
    assert "\n" not in line and json.loads(line)["route"] == "/gezond/"
