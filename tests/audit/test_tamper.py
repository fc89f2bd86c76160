# ruff: noqa: S608  (SQL built from our own table names, to tamper as a superuser would)
"""Tamper evidence (QUALITY.md): the application's role cannot UPDATE/DELETE/TRUNCATE audit rows
(PostgreSQL), and the keyed hash chain detects what a superuser changes: N of N detected."""

import datetime as dt
import hashlib

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from ineen.audit.history import EVENT_MODELS
from ineen.audit.models import AuditEvent, AuditSeal
from ineen.audit.sealing import seal
from ineen.audit.verification import export, verify

from .conftest import KEY, dbtime, needs_postgres, sql, superuser_without_triggers, table

EVENTS = table(AuditEvent)
SEALS = table(AuditSeal)


def _sealed_events():
    return list(AuditSeal.objects.filter(source=AuditEvent._meta.db_table).order_by("seq"))


# --- the tampering a superuser might do, each with the finding verify must report ------------------


def edit_field(ctx):
    sql(f"UPDATE {EVENTS} SET purpose = 'vervalst' WHERE id = %s", [_sealed_events()[2].source_pk])
    return "edited"


def delete_row(ctx):
    sql(f"DELETE FROM {EVENTS} WHERE id = %s", [_sealed_events()[3].source_pk])
    return "deleted"


def swap_rows(ctx):
    """Reorder two events by swapping their times (and who did it)."""
    a, b = (AuditEvent.objects.get(pk=s.source_pk) for s in _sealed_events()[1:3])
    for one, other in ((a, b), (b, a)):
        sql(
            f"UPDATE {EVENTS} SET occurred_at = %s, actor_label = %s WHERE id = %s",
            [dbtime(other.occurred_at), other.actor_label, one.pk],
        )
    return "edited"


def delete_seal(ctx):
    middle = AuditSeal.objects.count() // 2
    sql(f"DELETE FROM {SEALS} WHERE seq = %s", [middle])
    return "missing"


def reorder_seals(ctx):
    first, second = _sealed_events()[0].seq, _sealed_events()[1].seq
    sql(f"UPDATE {SEALS} SET seq = 999999999999 WHERE seq = %s", [first])
    sql(f"UPDATE {SEALS} SET seq = %s WHERE seq = %s", [first, second])
    sql(f"UPDATE {SEALS} SET seq = %s WHERE seq = 999999999999", [second])
    return "chain"


def edit_row_and_its_seal(ctx):
    """Edit a row and recompute its digest: the chain (keyed) no longer matches."""
    from ineen.audit.sealing import normal_row, row_digest, sources

    target = _sealed_events()[4]
    sql(f"UPDATE {EVENTS} SET actor_label = 'iemand anders' WHERE id = %s", [target.source_pk])
    source = sources()[target.source]
    row = source.model.objects.filter(pk=target.source_pk).values(*source.columns).get()
    sql(f"UPDATE {SEALS} SET digest = %s WHERE seq = %s", [row_digest(target.source, normal_row(row)), target.seq])
    return "chain"


def recompute_chain_without_key(ctx):
    """Rebuild the whole chain with a guessed key after deleting a row: every link is wrong."""
    from ineen.audit.sealing import GENESIS, chain_hash

    victim = _sealed_events()[5]
    sql(f"DELETE FROM {EVENTS} WHERE id = %s", [victim.source_pk])
    sql(f"DELETE FROM {SEALS} WHERE seq = %s", [victim.seq])
    previous = GENESIS
    for number, entry in enumerate(AuditSeal.objects.order_by("seq"), start=1):
        sql(f"UPDATE {SEALS} SET seq = %s WHERE seq = %s", [number, entry.seq])
        entry.seq = number
        previous = chain_hash(b"guessed-key-guessed-key-guessed-key", previous, entry)
        sql(f"UPDATE {SEALS} SET chain_hash = %s WHERE seq = %s", [previous, number])
    return "chain"


def _forge(when):
    sql(
        f"""INSERT INTO {EVENTS} (event_id, occurred_at, actor_label, organisation_label, role, safety_house_code,
            action, object_type, object_id, household_id, person_ids, outcome, origin_channel, request_path,
            purpose, detail) VALUES (%s, %s, 'Vervalst <x@x>', '', 'chair', 'hgl', 'view', 'case', '', '', '[]',
            'allowed', 'web', '/', 'casusoverzicht', '')""",
        [hashlib.md5(str(when).encode(), usedforsecurity=False).hexdigest(), dbtime(when)],
    )


def forge_old_row(ctx):
    """A back-dated read event, inserted after its time was sealed."""
    _forge(ctx["moment"] - dt.timedelta(days=1))
    return "unsealed"


def forge_row_then_seal(ctx):
    """A back-dated event within the lookback, and the seal job runs before verify: sealed, but late."""
    _forge(ctx["moment"] - dt.timedelta(minutes=5))
    seal(now=ctx["moment"] + dt.timedelta(minutes=1), horizon=dt.timedelta(0), key=KEY)
    return "late"


def cut_off_the_end(ctx):
    """Delete the last seals together with their rows: only an earlier export (anchor) shows it."""
    for entry in AuditSeal.objects.order_by("-seq")[:3]:
        source = entry.source
        if source != AuditSeal.CHECKPOINT:
            sql(
                f"DELETE FROM {connection.ops.quote_name(source)} WHERE "
                f"{'pgh_id' if source != AuditEvent._meta.db_table else 'id'} = %s",
                [entry.source_pk],
            )
        sql(f"DELETE FROM {SEALS} WHERE seq = %s", [entry.seq])
    return "anchor"


def delete_history_row(ctx):
    """A trigger-captured write event (PostgreSQL) deleted."""
    entry = AuditSeal.objects.exclude(source__in=[AuditEvent._meta.db_table, AuditSeal.CHECKPOINT]).first()
    sql(f"DELETE FROM {connection.ops.quote_name(entry.source)} WHERE pgh_id = %s", [entry.source_pk])
    return "deleted"


def edit_history_row(ctx):
    entry = AuditSeal.objects.filter(source=table_name("Household")).first()
    sql(
        f"UPDATE {connection.ops.quote_name(entry.source)} SET created_at = created_at - interval '1 day' "
        "WHERE pgh_id = %s",
        [entry.source_pk],
    )
    return "edited"


def table_name(tracked: str) -> str:
    return next(m._meta.db_table for m in EVENT_MODELS if m.pgh_tracked_model.__name__ == tracked)


SCENARIOS = [
    edit_field,
    delete_row,
    swap_rows,
    delete_seal,
    reorder_seals,
    edit_row_and_its_seal,
    recompute_chain_without_key,
    forge_old_row,
    forge_row_then_seal,
    cut_off_the_end,
]
if connection.vendor == "postgresql":
    SCENARIOS += [delete_history_row, edit_history_row]


def test_superuser_tampering_is_detected_n_of_n(sealed, tmp_path, capsys):
    anchor = tmp_path / "anchor.jsonl"
    export(since=sealed - dt.timedelta(days=1), out=anchor)
    baseline = verify(now=sealed, horizon=dt.timedelta(0), key=KEY, anchors=[anchor])
    assert baseline.ok, baseline.lines()
    detected, missed = [], []
    for scenario in SCENARIOS:
        with pytest.raises(_Undo), transaction.atomic():  # each scenario is rolled back afterwards
            with superuser_without_triggers():
                expected = scenario({"moment": sealed})
            report = verify(now=sealed + dt.timedelta(minutes=1), horizon=dt.timedelta(0), key=KEY, anchors=[anchor])
            (detected if report.counts[expected] else missed).append((scenario.__name__, expected, dict(report.counts)))
            raise _Undo
        assert verify(now=sealed, horizon=dt.timedelta(0), key=KEY, anchors=[anchor]).ok, "undo failed"
    with capsys.disabled():
        print(f"\ntamper ({connection.vendor}): {len(detected)} of {len(SCENARIOS)} superuser edits detected")
    assert missed == [], missed
    assert len(detected) == len(SCENARIOS) >= 10


class _Undo(Exception):
    pass


def test_verify_command_exit_code(sealed, monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setenv("INEEN_AUDIT_KEY", KEY.decode())
    call_command("audit_verify", "--horizon", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with superuser_without_triggers():
        sql(f"UPDATE {EVENTS} SET purpose = 'vervalst' WHERE id = %s", [_sealed_events()[0].source_pk])
    with pytest.raises(CommandError) as failure:
        call_command("audit_verify", "--horizon", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert failure.value.returncode == 1


# --- PostgreSQL: grants and triggers ------------------------------------------------------------

STATEMENTS = {
    "UPDATE": "UPDATE {table} SET {column} = {column} WHERE {pk} = %s",
    "DELETE": "DELETE FROM {table} WHERE {pk} = %s",
    "TRUNCATE": "TRUNCATE {table}",
}


def _targets():
    history = AuditSeal.objects.exclude(source__in=[AuditEvent._meta.db_table, AuditSeal.CHECKPOINT]).first()
    return [
        (AuditEvent._meta.db_table, "id", "purpose", AuditEvent.objects.first().pk),
        (AuditSeal._meta.db_table, "id", "digest", AuditSeal.objects.first().pk),
        (history.source, "pgh_id", "pgh_label", history.source_pk),
    ]


def _try_each(role=None):
    """Run UPDATE, DELETE and TRUNCATE on three audit tables; return the refusals' messages."""
    refusals, allowed = [], []
    sql("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own rows have deferred FK checks pending
    for table_, pk, column, value in _targets():
        for operation, template in STATEMENTS.items():
            statement = template.format(table=connection.ops.quote_name(table_), pk=pk, column=column)
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    if role:
                        cursor.execute(f"SET LOCAL ROLE {role}")
                    cursor.execute(statement, [value] if "%s" in statement else [])
                    allowed.append(f"{operation} {table_}")
            except DatabaseError as error:
                refusals.append((operation, table_, str(error).splitlines()[0]))
    assert sql("SELECT current_user")[0][0] != role
    return refusals, allowed


@needs_postgres
def test_app_role_cannot_update_delete_or_truncate(sealed, capsys):
    sql("DO $$ BEGIN CREATE ROLE ineen_app_test NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    call_command("audit_grants", "--app-role", "ineen_app_test", stdout=open("/dev/null", "w"))  # noqa: SIM115
    refusals, allowed = _try_each(role="ineen_app_test")
    assert allowed == []
    assert all("permission denied" in message for *_x, message in refusals), refusals
    per_operation = {op: sum(1 for o, *_r in refusals if o == op) for op in STATEMENTS}
    with capsys.disabled():
        print(
            f"\napp role refused {len(per_operation)} of 3 operations "
            f"({', '.join(f'{op} on {n} tables' for op, n in per_operation.items())})"
        )
    assert per_operation == {"UPDATE": 3, "DELETE": 3, "TRUNCATE": 3}
    assert verify(now=sealed, horizon=dt.timedelta(0), key=KEY).ok  # the grants pass the protection check
    # It still reads and appends.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL ROLE ineen_app_test")
        cursor.execute(f"SELECT count(*) FROM {EVENTS}")
        cursor.execute(
            f"INSERT INTO {EVENTS} (event_id, occurred_at, actor_label, organisation_label, role, "
            "safety_house_code, action, object_type, object_id, household_id, person_ids, outcome, "
            "origin_channel, request_path, purpose, detail) VALUES (gen_random_uuid(), now(), 'a', '', "
            "'', '', 'view', 'case', '', '', '[]', 'allowed', 'web', '/', 'p', '')"
        )


@needs_postgres
def test_triggers_refuse_even_the_owner(sealed):
    refusals, allowed = _try_each(role=None)  # the test connection is a superuser that owns the tables
    assert allowed == []
    assert len(refusals) == 9, refusals
    assert [r for r in refusals if "append-only" not in r[2]] == []


@needs_postgres
def test_replica_mode_does_not_switch_triggers_off(sealed):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("SET LOCAL session_replication_role = replica")
        sql(f"DELETE FROM {EVENTS}")


@needs_postgres
def test_verify_reports_disabled_triggers(sealed):
    sql("SET CONSTRAINTS ALL IMMEDIATE")
    sql(f"ALTER TABLE {EVENTS} DISABLE TRIGGER ineen_audit_append_only_row")
    report = verify(now=sealed, horizon=dt.timedelta(0), key=KEY)
    # PostgreSQL disables the cloned trigger on every monthly partition too: one line per table
    assert report.counts["protection"] >= 1, report.lines()
    assert all("ineen_audit_append_only_row" in message for _kind, message in report.problems), report.lines()
    assert any(f"{EVENTS.strip(chr(34))}: trigger" in message for _kind, message in report.problems)


@needs_postgres
def test_verify_reports_a_role_that_may_delete(sealed):
    sql("DO $$ BEGIN CREATE ROLE ineen_app_test NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    sql(f"GRANT DELETE ON {EVENTS} TO ineen_app_test")
    report = verify(now=sealed, horizon=dt.timedelta(0), key=KEY)
    assert report.counts["protection"] == 1 and "ineen_app_test may DELETE" in report.lines()[-1], report.lines()


@needs_postgres
def test_audit_grants_refuses_an_owner_role(db):
    from django.core.management.base import CommandError

    owner = sql("SELECT current_user")[0][0]
    with pytest.raises(CommandError, match="superuser|owns"):
        call_command("audit_grants", "--app-role", owner)
