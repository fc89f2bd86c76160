"""Seal new audit rows into the keyed hash chain. Run every minute (a systemd timer; docs/operations.md)."""

import datetime as dt

from django.core.management.base import BaseCommand

from ineen.audit.sealing import seal


class Command(BaseCommand):
    help = "Seal audit rows older than the horizon into the keyed hash chain (key: INEEN_AUDIT_KEY[_FILE])."

    def add_arguments(self, parser):
        parser.add_argument(
            "--horizon",
            type=int,
            default=None,
            help="seconds a row must be old before it is sealed (default: settings, 60)",
        )
        parser.add_argument("--max-rows", type=int, default=100_000, help="rows per transaction (default 100000)")
        parser.add_argument("--until-done", action="store_true", help="repeat until nothing is left to seal")

    def handle(self, *args, horizon, max_rows, until_done, **options):
        horizon = dt.timedelta(seconds=horizon) if horizon is not None else None
        while True:
            result = seal(horizon=horizon, max_rows=max_rows)
            # The head goes to the log (journald): a copy of the chain head outside the database.
            self.stdout.write(
                f"Sealed {result.sealed} rows ({result.late} late{', checkpoint' if result.checkpoint else ''}) "
                f"up to {result.watermark.isoformat() if result.watermark else '-'}; "
                f"chain head seq {result.head_seq} {result.head_hash}"
            )
            if not (until_done and result.more):
                break
