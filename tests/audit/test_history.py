"""Write events captured by database triggers (django-pghistory), PostgreSQL only."""

import datetime as dt

from django.db import connection
from django.urls import reverse

from ineen.audit.history import EVENT_MODELS
from ineen.audit.models import AuditEvent
from ineen.audit.sealing import seal
from ineen.audit.verification import verify
from ineen.households.models import Household, Person

from .conftest import KEY, needs_postgres, sql


def events_of(model):
    return next(m for m in EVENT_MODELS if m.pgh_tracked_model is model).objects.order_by("pgh_id")


def test_every_case_data_table_is_tracked():
    tracked = {m.pgh_tracked_model._meta.label for m in EVENT_MODELS}
    assert {
        "households.Household",
        "households.Person",
        "households.Incident",
        "cases.Case",
        "cases.Triage",
        "cases.TeamMembership",
        "accounts.User",
        "accounts.RoleAssignment",
    } <= tracked
    user_event = next(m for m in EVENT_MODELS if m.pgh_tracked_model._meta.label == "accounts.User")
    assert "password" not in {f.name for f in user_event._meta.fields}  # no password hashes in the history


@needs_postgres
def test_bulk_update_and_raw_sql_are_captured(cast):
    household = cast.case.household
    Household.objects.filter(pk=household.pk).update(name="Gezin Bulk")  # QuerySet.update(): no signals
    sql("UPDATE households_person SET first_name = 'Raw' WHERE household_id = %s", [household.pk])
    Person.objects.filter(household=household).delete()
    # Names are never copied into the history (test_history_minimised.py), but the updates are recorded.
    assert events_of(Household).filter(pgh_obj_id=household.pk, pgh_label="update").exists()
    people = events_of(Person).filter(household_id=household.pk)
    assert people.filter(pgh_label="update").count() == 2
    assert people.filter(pgh_label="delete").count() == 2


@needs_postgres
def test_a_request_links_its_writes_to_its_audit_event(cast, login):
    person = cast.case.household.members.order_by("pk")[0]
    client = login(cast.member)
    response = client.post(
        reverse("web:person_edit", kwargs={"public_id": cast.case.public_id, "person_id": person.public_id}),
        {
            "first_name": "Anna",
            "last_name": "Test",
            "birth_year": "1985",
            "relationship": "parent",
            "living_at_home": "on",
            "language": "Nederlands",
            "custody_notes": "gewijzigd",
        },
    )
    assert response.status_code == 302
    write = events_of(Person).filter(pgh_obj_id=person.pk, pgh_label="update").last()
    assert write.birth_year == 1985 and not hasattr(write, "custody_notes")  # who/when/which, no free text
    assert write.pgh_context["user"] == cast.member.pk
    assert write.pgh_context["organisation_id"] == cast.member.organisation_id
    assert write.pgh_context["url"].endswith("/wijzigen/") and write.pgh_context["ip"] == "127.0.0.1"
    # The same context id as the request's own audit event (purpose, role, whose data).
    linked = AuditEvent.objects.filter(context_id=write.pgh_context_id)
    assert linked.filter(actor=cast.member, action="update").exists()
    # Both kinds are sealed in one chain.
    moment = write.pgh_created_at + dt.timedelta(seconds=1)
    seal(now=moment, horizon=dt.timedelta(0), key=KEY)
    assert verify(now=moment, horizon=dt.timedelta(0), key=KEY).ok
    assert connection.vendor == "postgresql"
