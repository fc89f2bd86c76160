"""Database-level protection of the audit tables (PostgreSQL only).

- Triggers: BEFORE UPDATE OR DELETE (per row) and BEFORE TRUNCATE (per statement) on every audit
  table raise an exception, whoever runs the statement, the table owner included. They are enabled
  ALWAYS, so `session_replication_role = replica` does not switch them off; the write-tracking triggers
  of pghistory are made ALWAYS too, so that trick does not hide a write either.
- Grants: the application's role gets SELECT and INSERT only (`audit_grants`).
- Inspection: `problems()` lists missing or disabled triggers, and roles other than the owner that may
  UPDATE, DELETE or TRUNCATE an audit table; `audit_verify` reports them.

A superuser can still drop or disable triggers; the keyed hash chain (sealing.py) is what detects what
such a person changes afterwards.
"""

from django.apps import apps as global_apps

FUNCTION = "ineen_audit_append_only"
ROW_TRIGGER = "ineen_audit_append_only_row"
TRUNCATE_TRIGGER = "ineen_audit_append_only_truncate"


def audit_tables(apps=None) -> list[str]:
    """Every table of the audit app: AuditEvent, AuditSeal and the pghistory event tables."""
    apps = apps or global_apps
    return sorted(
        model._meta.db_table
        for model in apps.get_app_config("audit").get_models()
        if model._meta.managed and not model._meta.proxy
    )


def _quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def install(connection, apps=None) -> None:
    """Create or replace the append-only triggers on every audit table (idempotent)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"""
            CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit table %: % refused (append-only)', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$""")
        for table in audit_tables(apps):
            quoted = _quote(connection, table)
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {ROW_TRIGGER} BEFORE UPDATE OR DELETE ON {quoted} "
                f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
            )
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRUNCATE_TRIGGER} BEFORE TRUNCATE ON {quoted} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
            cursor.execute(f"ALTER TABLE {quoted} ENABLE ALWAYS TRIGGER {ROW_TRIGGER}")
            cursor.execute(f"ALTER TABLE {quoted} ENABLE ALWAYS TRIGGER {TRUNCATE_TRIGGER}")
    protect_partitions(connection)


def partition_tables(connection) -> list[str]:
    """The partitions of the partitioned audit table (partitions.py); [] when it is not partitioned."""
    from . import partitions

    return [partition.name for partition in partitions.partitions(connection)]


def protect_partitions(connection) -> None:
    """PostgreSQL clones the row trigger onto every partition, not the TRUNCATE trigger (a statement
    trigger): `TRUNCATE <partition>` would otherwise go through. Idempotent."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in partition_tables(connection):
            quoted = _quote(connection, table)
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRUNCATE_TRIGGER} BEFORE TRUNCATE ON {quoted} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
            cursor.execute(f"ALTER TABLE {quoted} ENABLE ALWAYS TRIGGER {ROW_TRIGGER}")
            cursor.execute(f"ALTER TABLE {quoted} ENABLE ALWAYS TRIGGER {TRUNCATE_TRIGGER}")


def expected_triggers() -> dict[tuple[str, str], str]:
    """(table, trigger name) -> what it is for: ours on the audit tables, and every trigger pgtrigger
    registered (pghistory's write tracking on the case-data tables, its append-only protection)."""
    import pgtrigger

    expected = {}
    for table in audit_tables():
        expected[(table, ROW_TRIGGER)] = "append-only (update/delete)"
        expected[(table, TRUNCATE_TRIGGER)] = "append-only (truncate)"
    for model, trigger in pgtrigger.registered():
        expected[(model._meta.db_table, trigger.get_pgid(model))] = f"pgtrigger {trigger.name}"
    return expected


def enable_always(connection) -> None:
    """Make pgtrigger's triggers fire even with session_replication_role = replica."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for (table, name), what in expected_triggers().items():
            if what.startswith("pgtrigger"):
                cursor.execute(
                    f"ALTER TABLE {_quote(connection, table)} ENABLE ALWAYS TRIGGER {_quote(connection, name)}"
                )


def problems(connection) -> list[str]:
    """Triggers that are missing or disabled, and grants of UPDATE/DELETE/TRUNCATE on audit tables to
    anyone but the owner, on PostgreSQL; [] elsewhere."""
    if connection.vendor != "postgresql":
        return []
    expected = expected_triggers()
    for table in partition_tables(connection):
        expected[(table, ROW_TRIGGER)] = "append-only (update/delete), partition"
        expected[(table, TRUNCATE_TRIGGER)] = "append-only (truncate), partition"
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, t.tgname, t.tgenabled FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND c.relname = ANY(%s)""",
            [sorted({table for table, _n in expected})],
        )
        found = {(table, name): enabled for table, name, enabled in cursor.fetchall()}
    problems = []
    for (table, name), what in sorted(expected.items()):
        state = found.get((table, name))
        if state is None:
            problems.append(f"{table}: trigger {name} ({what}) is missing")
        elif state == "D":
            problems.append(f"{table}: trigger {name} ({what}) is disabled")
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, COALESCE(r.rolname, 'PUBLIC'), a.privilege_type
            FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
            LEFT JOIN pg_roles r ON r.oid = a.grantee
            WHERE c.relname = ANY(%s) AND a.grantee <> c.relowner
              AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
            ORDER BY 1, 2, 3""",
            [audit_tables() + partition_tables(connection)],
        )
        for table, role, privilege in cursor.fetchall():
            problems.append(f"{table}: role {role} may {privilege} (run audit_grants)")
    return problems


def install_after_migrate(sender, using="default", apps=None, **kwargs) -> None:
    """post_migrate (sent for the audit app, after pgtrigger has installed its triggers)."""
    from django.db import connections

    from . import partitions

    connection = connections[using]
    partitions.ensure(connection)  # this month and the next three (the sealer's timer repeats it)
    install(connection, apps=apps)
    enable_always(connection)
