"""Helpers for the audit tests: a sealed audit trail, and a malicious database superuser."""

import contextlib
import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from ineen.audit import events, protection
from ineen.audit.events import Subject
from ineen.audit.models import Action, AuditEvent, AuditSeal
from ineen.audit.sealing import seal

KEY = b"test-audit-key-0123456789abcdef-0123456789abcdef"

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: triggers, roles and grants do not exist on SQLite (set DATABASE_URL=postgres://...)",
)


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@contextlib.contextmanager
def superuser_without_triggers():
    """A database superuser who switches the append-only triggers off, tampers, and switches them on
    again to cover the tracks. On SQLite there are no triggers: raw SQL goes straight through."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = protection.audit_tables()
    with connection.cursor() as cursor:
        # (the test's own rows have deferred foreign-key checks pending, which ALTER TABLE refuses)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in tables:
            cursor.execute(f"ALTER TABLE {connection.ops.quote_name(name)} DISABLE TRIGGER USER")
    try:
        yield
    finally:
        protection.install(connection)
        protection.enable_always(connection)


def dbtime(value):
    """A datetime as the backend stores it (SQLite: naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


@pytest.fixture
def sealed(cast):
    """The cast's case history (referral, triage, team: AuditEvents, and on PostgreSQL trigger-captured
    write events), sealed. Returns the seal moment."""
    for number in range(5):
        events.record(
            actor=cast.chair,
            action=Action.VIEW,
            purpose="casusoverzicht",
            role="chair",
            subject=Subject(
                "case", str(cast.case.public_id), str(cast.case.household.public_id), safety_house_code="hgl"
            ),
            detail=f"lezen {number}",
        )
    moment = timezone.now() + dt.timedelta(seconds=1)
    result = seal(now=moment, horizon=dt.timedelta(0), key=KEY)
    assert result.sealed == AuditSeal.objects.exclude(source=AuditSeal.CHECKPOINT).count() > 10
    assert AuditEvent.objects.count() > 5
    return moment
