"""Restrict the application's database role on the audit tables (PostgreSQL): SELECT and INSERT only."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ineen.audit.protection import audit_tables


def grant_statements(role: str) -> list[str]:
    quote = connection.ops.quote_name
    statements = []
    for table in audit_tables():
        statements += [
            f"REVOKE ALL ON {quote(table)} FROM PUBLIC",
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {quote(table)} FROM {quote(role)}",
            f"GRANT SELECT, INSERT ON {quote(table)} TO {quote(role)}",
        ]
    return statements


class Command(BaseCommand):
    help = (
        "REVOKE UPDATE, DELETE, TRUNCATE on every audit table from the application's role and GRANT SELECT, "
        "INSERT. Run as the tables' owner after every migrate; the application must connect as a "
        "different, non-owner role."
    )

    def add_arguments(self, parser):
        parser.add_argument("--app-role", required=True, help="the PostgreSQL role the application connects as")
        parser.add_argument("--dry-run", action="store_true", help="print the statements only")

    def handle(self, *args, app_role, dry_run, **options):
        if connection.vendor != "postgresql":
            raise CommandError("audit_grants is for PostgreSQL; SQLite has no roles (demo only).")
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [app_role])
            found = cursor.fetchone()
            if found is None:
                raise CommandError(f"role {app_role!r} does not exist")
            if found[0]:
                raise CommandError(f"role {app_role!r} is a superuser: grants cannot restrict it")
            cursor.execute(
                "SELECT count(*) FROM pg_tables WHERE tablename = ANY(%s) AND pg_has_role(%s, tableowner, 'USAGE')",
                [audit_tables(), app_role],
            )
            if cursor.fetchone()[0]:
                raise CommandError(
                    f"role {app_role!r} owns (or is a member of the owner of) audit tables: an owner "
                    "can alter or drop them. Connect the application as a non-owner role."
                )
            statements = grant_statements(app_role)
            for statement in statements:
                if dry_run:
                    self.stdout.write(statement + ";")
                else:
                    cursor.execute(statement)
        if not dry_run:
            self.stdout.write(f"{app_role}: SELECT, INSERT only on {len(audit_tables())} audit tables.")
