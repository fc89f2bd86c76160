"""Monthly partitions of the audit event table and removal of a month past retention (PostgreSQL only)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from ineen.audit import partitions, protection, pruning
from ineen.audit.models import Action, AuditAnchor, AuditEvent, AuditSeal, Outcome
from ineen.audit.sealing import seal
from ineen.audit.verification import verify

from .conftest import KEY, needs_postgres, sql, superuser_without_triggers

pytestmark = [
    pytest.mark.django_db,
    needs_postgres,  # native partitioning; SQLite (demo) keeps one plain table
]

OLD = dt.datetime(2005, 1, 1, tzinfo=dt.UTC)
OLDER_NEXT = dt.datetime(2005, 2, 1, tzinfo=dt.UTC)


def _event(when, detail=""):
    return AuditEvent.objects.create(
        occurred_at=when,
        actor_label="Test",
        action=Action.VIEW,
        object_type="case",
        outcome=Outcome.ALLOWED,
        purpose="casusoverzicht",
        detail=detail,
    )


@pytest.fixture
def old_months():
    """Two months of 2005 (past the 15-year period) with their own partitions, and recent events; sealed."""
    sql("SET CONSTRAINTS ALL IMMEDIATE")
    for start in (OLD, OLDER_NEXT):
        assert partitions.create_month(connection, start)
    protection.protect_partitions(connection)
    for day in range(1, 6):
        _event(OLD + dt.timedelta(days=day), f"oud {day}")
        _event(OLDER_NEXT + dt.timedelta(days=day), f"oud februari {day}")
    for number in range(3):
        _event(timezone.now() - dt.timedelta(minutes=5), f"nieuw {number}")
    seal(now=timezone.now(), horizon=dt.timedelta(0), key=KEY)
    return {p.month: p for p in partitions.partitions(connection)}


def test_the_event_table_is_partitioned_by_month_with_a_default():
    assert partitions.is_partitioned(connection)
    found = partitions.partitions(connection)
    names = [p.name for p in found]
    assert partitions.DEFAULT in names
    this_month = partitions.month_start(timezone.now())
    assert partitions.partition_name(this_month) in names
    # three months ahead exist (migrate's post_migrate ran audit_partitions' ensure())
    ahead = this_month
    for _ in range(3):
        ahead = partitions.next_month(ahead)
    assert partitions.partition_name(ahead) in names
    # primary key and unique event id include the partition key (PostgreSQL's rule)
    assert sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'audit_auditevent_pkey'") == [
        ("PRIMARY KEY (id, occurred_at)",)
    ]
    # a row far in the future lands in DEFAULT: an insert never fails
    _event(timezone.now() + dt.timedelta(days=3650))
    assert sql(f"SELECT count(*) FROM {partitions.DEFAULT}") == [(1,)]  # noqa: S608 (identifiers from the catalog and constants, no input)


def test_every_partition_is_append_only(old_months):
    partition = old_months["2005-01"].name
    assert not protection.problems(connection)
    for statement in (f"TRUNCATE {partition}", f"DELETE FROM {partition}", f"UPDATE {partition} SET detail = 'x'"):  # noqa: S608 (identifiers from the catalog and constants, no input)
        with pytest.raises(Exception, match="append-only"):
            from django.db import transaction

            with transaction.atomic():
                sql(statement)


def test_a_removed_month_verifies_clean_and_is_reported_as_reanchored(old_months):
    partition = old_months["2005-01"]
    assert [p.month for p in pruning.expired()] == ["2005-01", "2005-02"]
    anchor = pruning.remove_month(partition, removed_by="operator (test)", approval="FG-2026-17", key=KEY)
    assert anchor.rows == 5 and anchor.first_seq and anchor.last_seq >= anchor.first_seq
    assert partition.name not in [p.name for p in partitions.partitions(connection)]
    assert not AuditEvent.objects.filter(occurred_at__lt=OLDER_NEXT).exists()
    # the anchor and the removal's own event are sealed by the next run
    seal(now=timezone.now() + dt.timedelta(seconds=1), horizon=dt.timedelta(0), key=KEY)
    assert AuditSeal.objects.filter(source=AuditAnchor._meta.db_table, source_pk=anchor.pk).exists()
    assert AuditEvent.objects.filter(object_type="audit_partition", object_id="2005-01").exists()
    report = verify(key=KEY, horizon=dt.timedelta(0), now=timezone.now() + dt.timedelta(seconds=2))
    assert report.ok, report.lines()
    assert any("Re-anchored: audit_auditevent 2005-01" in line and "matches" in line for line in report.lines())


def test_tampering_with_a_remaining_row_is_still_detected(old_months):
    pruning.remove_month(old_months["2005-01"], removed_by="operator (test)", approval="FG-1", key=KEY)
    seal(now=timezone.now() + dt.timedelta(seconds=1), horizon=dt.timedelta(0), key=KEY)
    with superuser_without_triggers():
        sql("UPDATE audit_auditevent SET detail = 'vervalst' WHERE detail = 'oud februari 3'")
    report = verify(key=KEY, horizon=dt.timedelta(0), now=timezone.now() + dt.timedelta(seconds=2))
    assert report.counts["edited"] == 1, report.lines()


def test_rows_dropped_without_an_anchor_are_deleted(old_months):
    """A superuser who drops a month's partition without the procedure: every row shows as deleted."""
    sql(f"ALTER TABLE audit_auditevent DETACH PARTITION {old_months['2005-02'].name}")
    sql(f"DROP TABLE {old_months['2005-02'].name}")
    report = verify(key=KEY, horizon=dt.timedelta(0), now=timezone.now() + dt.timedelta(seconds=2))
    assert report.counts["deleted"] == 5


def test_a_forged_anchor_is_detected(old_months):
    """Dropping a month and inserting an anchor for it without the key: the anchor has no seal (unsealed).
    With the key in hand a forger could seal it too: the anchor proves the procedure, not the key holder."""
    sql(f"ALTER TABLE audit_auditevent DETACH PARTITION {old_months['2005-02'].name}")
    sql(f"DROP TABLE {old_months['2005-02'].name}")
    head = AuditSeal.objects.order_by("-seq").first()
    AuditAnchor.objects.create(
        table="audit_auditevent",
        month=OLDER_NEXT.date(),
        range_start=OLDER_NEXT,
        range_end=dt.datetime(2005, 3, 1, tzinfo=dt.UTC),
        rows=5,
        head_seq=head.seq,
        head_chain_hash=head.chain_hash,
        removed_at=timezone.now() - dt.timedelta(minutes=10),
        removed_by="nobody",
    )
    report = verify(key=KEY, horizon=dt.timedelta(0), now=timezone.now() + dt.timedelta(seconds=2))
    assert not report.ok
    assert report.counts["unsealed"] >= 1  # the forged anchor itself


def test_an_edited_genuine_anchor_is_detected(old_months):
    anchor = pruning.remove_month(old_months["2005-01"], removed_by="operator (test)", approval="FG-1", key=KEY)
    seal(now=timezone.now() + dt.timedelta(seconds=1), horizon=dt.timedelta(0), key=KEY)
    with superuser_without_triggers():
        sql("UPDATE audit_auditanchor SET rows = 4 WHERE id = %s", [anchor.pk])
    report = verify(key=KEY, horizon=dt.timedelta(0), now=timezone.now() + dt.timedelta(seconds=2))
    assert report.counts["edited"] == 1 and report.counts["anchor"] == 1, report.lines()


def test_a_month_within_the_period_is_refused(old_months):
    this_month = next(p for p in partitions.partitions(connection) if p.start and p.end > timezone.now())
    with pytest.raises(pruning.PruneRefused):
        pruning.remove_month(this_month, removed_by="x", key=KEY)
