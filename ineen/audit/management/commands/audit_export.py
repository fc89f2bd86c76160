"""Export the sealed audit rows and their seals as JSON lines, for keeping offline (run daily)."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ineen.audit.verification import export


def parse_moment(value: str) -> dt.datetime:
    """A date (local midnight, Europe/Amsterdam) or an ISO date-time."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"not a date or ISO date-time: {value!r}") from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "Write the seals made since --since, each with its audit row, to --out as JSON lines (mode 0600). "
        "Verify a file with `audit_verify --file FILE`; check the database against it with --anchor."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="date (YYYY-MM-DD) or ISO date-time; by sealing time")
        parser.add_argument("--until", help="date or ISO date-time (exclusive); default: now")
        parser.add_argument("--out", required=True, type=Path, help="the file to write (replaced atomically)")

    def handle(self, *args, since, until, out, **options):
        result = export(since=parse_moment(since), until=parse_moment(until) if until else None, out=out)
        self.stdout.write(
            f"Exported {result['count']} seals (seq {result['first_seq']}..{result['last_seq']}) to {out}."
        )
