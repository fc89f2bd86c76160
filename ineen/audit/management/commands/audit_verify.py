"""Recompute the audit hash chain and every sealed row; exit code 1 when anything does not match."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ineen.audit.verification import verify, verify_export


class Command(BaseCommand):
    help = (
        "Verify the audit chain: edited, deleted, reordered or unsealed audit rows, broken chain, missing "
        "triggers. Exit code 1 on any problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("--horizon", type=int, default=None, help="seconds (default: settings, 60)")
        parser.add_argument(
            "--anchor",
            type=Path,
            action="append",
            default=[],
            help="an earlier audit_export file whose seals must still be in the database "
            "(repeatable); detects a cut-off end of the chain",
        )
        parser.add_argument("--file", type=Path, help="verify this export file on its own instead of the database")
        parser.add_argument("--limit", type=int, default=20, help="problems to list (default 20)")

    def handle(self, *args, horizon, anchor, file, limit, **options):
        if file is not None:
            report = verify_export(file, limit=limit)
        else:
            report = verify(
                horizon=dt.timedelta(seconds=horizon) if horizon is not None else None, anchors=anchor, limit=limit
            )
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError("audit verification failed", returncode=1)
