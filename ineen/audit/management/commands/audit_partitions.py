"""Create the monthly partitions of the audit event table ahead of time (PostgreSQL; a no-op on SQLite).

Run by `migrate` (post_migrate) and by the sealer's timer (docs/operations.md), so a month's partition
exists long before its first row; the DEFAULT partition catches anything else, so an insert never fails.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from ineen.audit import partitions


class Command(BaseCommand):
    help = "Create the audit event table's partitions for this month and --ahead months (default 3); list them."

    def add_arguments(self, parser):
        parser.add_argument("--ahead", type=int, default=3, help="months ahead (default 3)")
        parser.add_argument("--list", action="store_true", help="also list every partition")

    def handle(self, *args, ahead, list, **options):
        if not partitions.is_partitioned(connection):
            self.stdout.write("The audit event table is not partitioned (SQLite, or before migration audit/0024).")
            return
        with transaction.atomic():
            made = partitions.ensure(connection, ahead=ahead)
            found = partitions.partitions(connection)
        self.stdout.write(f"Partitions ready up to {made[-1] if made else '-'}; {len(found)} partitions in all.")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(partitions.DEFAULT)}")  # noqa: S608 (identifiers from the catalog and constants, no input)
            in_default = cursor.fetchone()[0]
        if in_default:
            self.stdout.write(f"WARNING: {in_default} rows in {partitions.DEFAULT} (their month had no partition).")
        if list:
            for partition in found:
                self.stdout.write(f"  {partition.name}  {partition.month}")
