"""The audit log page: log managers of the house only; reading it is audited; filters; bad input."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from ineen.access import policy

from ineen.accounts.enums import Role
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action, AuditEvent, Outcome

from ..factories import make_user

URL = reverse("audit:event_list")


@pytest.fixture
def log_managers(cast):
    return (
        make_user(cast.house, Role.LOG_MANAGER, email="logs@test.example", first_name="Lotte"),
        make_user(cast.other_house, Role.LOG_MANAGER, email="logs-rr@test.example"),
    )


def _mark(user, house_code, detail, outcome=Outcome.ALLOWED, household="", when=None):
    if when is not None:  # events.record stamps the time of the insert
        return AuditEvent.objects.create(
            occurred_at=when,
            actor=user,
            actor_label=f"{user.get_full_name()} <{user.email}>",
            role="chair",
            safety_house_code=house_code,
            action=Action.VIEW,
            object_type="case",
            household_id=household,
            outcome=outcome,
            purpose="casusoverzicht",
            detail=detail,
        )
    return events.record(
        actor=user,
        action=Action.VIEW,
        purpose="casusoverzicht",
        role="chair",
        outcome=outcome,
        subject=Subject("case", "x", household, safety_house_code=house_code),
        detail=detail,
    )


def test_only_log_managers_may_read_the_audit_log(cast, log_managers):
    mine, theirs = log_managers
    assert policy.may_read_audit(mine) and policy.may_read_audit(mine, cast.house)
    assert not policy.may_read_audit(mine, cast.other_house)
    for role in ("chair", "director", "member", "manager", "admin", "researcher", "other_chair"):
        assert not policy.may_read_audit(getattr(cast, role)), role


def test_log_manager_sees_own_house_and_the_read_is_audited(cast, log_managers, login):
    mine, theirs = log_managers
    _mark(cast.chair, "hgl", "", household="hgl-household")
    _mark(cast.other_chair, "rr", "", household="rr-household")
    response = login(mine).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "hgl-household" in html and "rr-household" not in html
    assert "<caption>" in html and 'scope="col"' in html
    read = AuditEvent.objects.filter(object_type="audit_log").get()
    assert (read.actor, read.role, read.purpose, read.safety_house_code, read.action) == (
        mine,
        Role.LOG_MANAGER,
        "logcontrole",
        "hgl",
        Action.LIST,
    )


def test_other_house_log_manager_sees_only_theirs(cast, log_managers, login):
    _mine, theirs = log_managers
    _mark(cast.chair, "hgl", "", household="hgl-household")
    _mark(cast.other_chair, "rr", "", household="rr-household")
    html = login(theirs).get(URL).content.decode()
    assert "rr-household" in html and "hgl-household" not in html


def test_everyone_else_gets_404_and_the_denial_is_logged(cast, login):
    response = login(cast.chair).get(URL)
    assert response.status_code == 404
    denial = AuditEvent.objects.filter(object_type="audit_log", outcome=Outcome.DENIED).get()
    assert denial.actor == cast.chair


def test_filters(cast, log_managers, login):
    mine, _theirs = log_managers
    household = str(cast.case.household.public_id)
    _mark(cast.member, "hgl", "", outcome=Outcome.DENIED, household=household)
    _mark(cast.director, "hgl", "", household="old-one", when=timezone.now() - dt.timedelta(days=40))
    client = login(mine)
    html = client.get(URL, {"uitkomst": "denied"}).content.decode()
    assert "Sanne" in html and "old-one" not in html
    html = client.get(URL, {"huishouden": household}).content.decode()
    assert household in html and "old-one" not in html
    today = timezone.localdate()
    html = client.get(
        URL, {"van": (today - dt.timedelta(days=41)).isoformat(), "tot": (today - dt.timedelta(days=39)).isoformat()}
    ).content.decode()
    assert "old-one" in html and household not in html
    html = client.get(URL, {"wie": "karim"}).content.decode()
    assert "old-one" in html
    search = AuditEvent.objects.filter(object_type="audit_log", action=Action.SEARCH, household_id=household)
    assert search.exists()  # "who looked at my data" shows the log manager's search too


def test_bad_filters_give_400_not_500(cast, log_managers, login):
    client = login(log_managers[0])
    for query in (
        {"huishouden": "niet-een-id"},
        {"van": "gisteren"},
        {"uitkomst": "x"},
        {"van": "2026-02-01", "tot": "2026-01-01"},
        {"huis": "onbekend"},
    ):
        response = client.get(URL, query)
        assert response.status_code == 400, query
    assert client.get(URL, {"pagina": "abc"}).status_code == 200


def test_pagination(cast, log_managers, login):
    for number in range(60):
        _mark(cast.chair, "hgl", f"regel {number}")
    client = login(log_managers[0])
    first = client.get(URL).content.decode()
    assert "pagina=2" in first
    second = client.get(URL, {"pagina": "2"}).content.decode()
    assert "pagina=1" in second and "Pagina 2" in second
