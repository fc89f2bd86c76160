"""Append-only triggers on the audit tables (PostgreSQL only; a no-op on SQLite).

The same function runs again after every migrate (AuditConfig.ready), so event tables added later are
covered too. See ineen/audit/protection.py.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from ineen.audit import protection

    protection.install(schema_editor.connection, apps=apps)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from ineen.audit import protection

    with schema_editor.connection.cursor() as cursor:
        for table in protection.audit_tables(apps):
            quoted = schema_editor.connection.ops.quote_name(table)
            cursor.execute(f"DROP TRIGGER IF EXISTS {protection.ROW_TRIGGER} ON {quoted}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {protection.TRUNCATE_TRIGGER} ON {quoted}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {protection.FUNCTION}()")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_tamper_evident"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
