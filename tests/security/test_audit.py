"""Audit completeness: every read of case data leaves a complete event, denials are logged, writes are
audited in their own transaction, and events cannot be changed through the ORM."""

import pytest
from django.urls import reverse

from ineen.audit import events
from ineen.audit.models import AuditEvent
from ineen.cases.enums import CaseState
from ineen.cases.models import Case, CaseStateChange, TeamMembership, Triage
from tests.factories import refer

from .conftest import recently_reauthenticated
from .test_matrix import ARGS, PREPARE

REQUIRED = [
    "actor_id",
    "actor_label",
    "organisation_label",
    "role",
    "action",
    "object_type",
    "outcome",
    "origin_ip",
    "purpose",
    "occurred_at",
    "request_path",
]

# (route, who reads, is the read about one household?)
READS = [
    ("web:case_detail", "member", True),
    ("web:case_household", "expert", True),
    ("web:case_services", "director", True),
    ("web:triage", "chair", True),
    ("web:household_add", "expert", True),
    ("web:person_edit", "director", True),
    ("web:note_add", "member", True),
    ("web:case_list", "member", False),
    ("web:dashboard", "member", False),
    ("web:referral_detail", "member", True),
    ("privacy:overview", "director", True),
    ("privacy:transparency", "chair", True),
    ("privacy:address_reveal", "member", True),
]


def new_events(before):
    return list(AuditEvent.objects.filter(pk__gt=before).order_by("pk"))


def last_pk():
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def assert_complete(event, *, household, where):
    missing = [name for name in REQUIRED if getattr(event, name) in (None, "")]
    if household:
        missing += [] if event.household_id else ["household_id"]
    assert missing == [], f"{where}: audit event {event.action} {event.object_type} lacks {missing}"


@pytest.mark.parametrize(("route", "role", "household"), READS, ids=[r for r, *_ in READS])
def test_reads_leave_a_complete_event(route, role, household, cast, login):
    if (route, "GET") in PREPARE:
        PREPARE[(route, "GET")](cast)
    user = getattr(cast, role)
    client = login(user)
    recently_reauthenticated(client, user)
    before = last_pk()
    response = client.get(reverse(route, kwargs=ARGS.get(route, lambda c: {})(cast)))
    assert response.status_code == 200, route
    found = new_events(before)
    assert found, f"{route}: no audit event for a read of case data"
    for event in found:
        assert event.outcome == "allowed"
        assert event.actor_id == user.pk
        assert event.origin_ip == "127.0.0.1"
        assert_complete(event, household=household, where=route)
    if household:
        assert str(cast.case.household.public_id) in {e.household_id for e in found}, route


def test_case_list_and_search_name_what_was_shown(cast, login):
    client = login(cast.member)
    before = last_pk()
    client.get(reverse("web:case_list"), {"q": "Test"})
    (event,) = new_events(before)
    assert event.action == "search"
    assert cast.case.reference in event.detail


def test_dashboard_of_a_referrer_outside_the_team_is_audited(cast, login):
    """Own referrals on the dashboard show the case's reference and state."""
    referral = refer(cast.outsider, cast.house, name="Gezin Ander").referral
    client = login(cast.outsider)
    before = last_pk()
    assert client.get(reverse("web:dashboard")).status_code == 200
    (event,) = new_events(before)
    assert referral.case.reference in event.detail
    assert_complete(event, household=False, where="dashboard of a referrer")


@pytest.mark.parametrize(
    ("route", "role", "reason"),
    [
        ("web:case_detail", "outsider", "no relation"),
        ("web:case_detail", "former", "no relation"),
        ("web:case_detail", "other_chair", "no relation"),
        ("web:triage", "member", "relation not allowed"),
    ],
)
def test_denied_read_leaves_a_denied_event(route, role, reason, cast, login):
    user = getattr(cast, role)
    before = last_pk()
    response = login(user).get(reverse(route, args=[cast.case.public_id]))
    assert response.status_code == 404
    (event,) = new_events(before)
    assert event.outcome == "denied"
    assert event.actor_id == user.pk
    assert event.object_id == str(cast.case.public_id)
    assert event.household_id == str(cast.case.household.public_id)
    assert event.detail == reason
    assert_complete(event, household=True, where=f"{route} denied to {role}")


def test_unknown_case_is_logged_as_denied(cast, login):
    before = last_pk()
    unknown = "00000000-0000-4000-8000-000000000000"
    assert login(cast.outsider).get(reverse("web:case_detail", args=[unknown])).status_code == 404
    (event,) = new_events(before)
    assert (event.outcome, event.object_id, event.detail) == ("denied", unknown, "unknown")


def test_denied_referral_status_is_logged(cast, login):
    before = last_pk()
    assert login(cast.chair).get(reverse("web:referral_detail", args=[cast.case.referral.public_id])).status_code == 404
    (event,) = new_events(before)
    assert (event.outcome, event.object_type, event.actor_id) == ("denied", "referral", cast.chair.pk)


def test_writes_are_audited_with_all_fields(cast, login, django_capture_on_commit_callbacks):
    client = login(cast.director)
    before = last_pk()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("web:team_add", args=[cast.case.public_id]), {"user": cast.outsider.pk, "role": "professional"}
        )
    assert response.status_code == 302
    written = [e for e in new_events(before) if e.object_type == "team_membership"]
    assert len(written) == 1
    assert_complete(written[0], household=True, where="team_add")
    assert len(callbacks) == 1  # the e-mail to the new member, sent only on commit


def _fail_on(monkeypatch, predicate):
    real = events.record

    def record(**kwargs):
        if predicate(kwargs):
            raise RuntimeError("audit store unavailable")
        return real(**kwargs)

    monkeypatch.setattr(events, "record", record)


def test_triage_decision_not_stored_without_its_audit_event(
    cast, login, monkeypatch, django_capture_on_commit_callbacks
):
    Case.objects.filter(pk=cast.case.pk).update(state=CaseState.IN_TRIAGE)
    client = login(cast.chair)
    counts = (AuditEvent.objects.count(), CaseStateChange.objects.count(), Triage.objects.count())
    _fail_on(monkeypatch, lambda kw: kw["subject"].object_type == "triage")
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        client.post(
            reverse("web:triage_decide", args=[cast.case.public_id]),
            {"decision": "decline", "reasons": "Past beter bij het wijkteam."},
        )
    cast.case.refresh_from_db()
    assert cast.case.state == CaseState.IN_TRIAGE
    assert (AuditEvent.objects.count(), CaseStateChange.objects.count(), Triage.objects.count()) == counts
    assert callbacks == []  # no e-mail about a decision that was never stored


def test_team_add_not_stored_without_its_audit_event(cast, login, monkeypatch, django_capture_on_commit_callbacks):
    client = login(cast.chair)
    counts = (AuditEvent.objects.count(), TeamMembership.objects.count())
    _fail_on(monkeypatch, lambda kw: kw["subject"].object_type == "team_membership")
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        client.post(reverse("web:team_add", args=[cast.case.public_id]), {"user": cast.outsider.pk, "role": "expert"})
    assert (AuditEvent.objects.count(), TeamMembership.objects.count()) == counts
    assert not TeamMembership.objects.filter(user=cast.outsider).exists()
    assert callbacks == []


def test_read_not_served_without_its_audit_event(cast, login, monkeypatch):
    """A read whose audit event cannot be written is not served."""
    client = login(cast.member)
    _fail_on(monkeypatch, lambda kw: True)
    with pytest.raises(RuntimeError):
        client.get(reverse("web:case_detail", args=[cast.case.public_id]))


def test_audit_events_cannot_be_changed_through_the_orm(cast):
    event = AuditEvent.objects.first()
    assert event is not None
    event.purpose = "iets anders"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    with pytest.raises(RuntimeError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="iets anders")
    with pytest.raises(RuntimeError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(RuntimeError):
        AuditEvent.objects.bulk_update([event], ["purpose"])
    with pytest.raises(RuntimeError):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.purpose != "iets anders"
    assert AuditEvent.objects.count() > 0
