"""The replica router (ineen/ops/replica.py): reads go to "replica" only inside reading_replica() and only
when a replica is configured; writes, and so audit events, always go to "default".

In the tests the alias "replica" is a second connection to the test database (TEST MIRROR, ineen/settings.py).
"""

import pytest

from ineen.access.actor import Actor
from ineen.accounts.models import SafetyHouse
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action, AuditEvent
from ineen.ops.replica import ReplicaRouter, from_replica, reading_replica
from tests.conferences.test_workspace_concurrency import _flush_past_audit_triggers  # noqa: F401 -- a fixture
from tests.factories import SafetyHouseFactory

router = ReplicaRouter()


def test_reads_stay_on_default_outside_the_block(settings):
    settings.INEEN_REPLICA_READS = True
    assert router.db_for_read(SafetyHouse) is None  # Django's default: "default"


def test_reads_go_to_the_replica_inside_the_block(settings):
    settings.INEEN_REPLICA_READS = True
    with reading_replica():
        assert router.db_for_read(SafetyHouse) == "replica"
    assert router.db_for_read(SafetyHouse) is None


def test_without_a_replica_the_block_changes_nothing(settings):
    settings.INEEN_REPLICA_READS = False
    with reading_replica():
        assert router.db_for_read(SafetyHouse) is None


def test_writes_never_go_to_the_replica(settings):
    settings.INEEN_REPLICA_READS = True
    with reading_replica():
        assert router.db_for_write(AuditEvent) == "default"
        assert router.db_for_write(SafetyHouse, instance=SafetyHouse()) == "default"
    assert not router.allow_migrate("replica", "audit")
    assert router.allow_migrate("default", "audit")


def test_decorated_function_reads_the_replica(settings):
    settings.INEEN_REPLICA_READS = True

    @from_replica
    def where():
        return router.db_for_read(SafetyHouse)

    assert where() == "replica"
    assert router.db_for_read(SafetyHouse) is None


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_queries_run_on_the_replica_and_the_audit_event_on_default(settings, django_assert_num_queries):
    """Two aliases, real queries: the aggregate's read runs on the replica connection, the audit event that
    records it is written on the primary, also when recorded inside the block."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    settings.INEEN_REPLICA_READS = True
    house = SafetyHouseFactory()
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_default,
        reading_replica(),
    ):
        codes = list(SafetyHouse.objects.values_list("code", flat=True))
        events.record(
            actor=Actor.system(channel="cli", role="system"),
            action=Action.EXPORT,
            purpose="onderzoeksexport",
            subject=Subject("research_export", house.code, safety_house_code=house.code),
            detail="test",
        )
    assert house.code in codes
    assert any("safetyhouse" in q["sql"].lower() for q in on_replica.captured_queries)
    assert not any("insert" in q["sql"].lower() for q in on_replica.captured_queries)
    assert any("insert" in q["sql"].lower() and "audit" in q["sql"].lower() for q in on_default.captured_queries)
    assert AuditEvent.objects.using("default").filter(detail="test").exists()


@pytest.mark.django_db
def test_reports_are_built_from_the_replica(settings, monkeypatch):
    """The aggregate paths read through reading_replica(): the barrier register, the evaluation figures and
    the research export."""
    from ineen.escalations import barriers
    from ineen.evaluations import report
    from ineen.ops import replica
    from ineen.privacy import research

    house = SafetyHouseFactory()  # before recording: a new house's own setup (its profiles) reads the primary
    seen = []
    monkeypatch.setattr(
        replica.ReplicaRouter, "db_for_read", lambda self, model, **h: seen.append(replica._reading.get())
    )
    barriers.register([house.pk])
    report.build(house.pk)
    research.as_csv(house)
    assert seen and all(seen)
