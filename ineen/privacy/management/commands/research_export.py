"""Write the pseudonymised research export of one safety house to a CSV file (ineen/privacy/research.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ineen.access.actor import Actor
from ineen.accounts.models import SafetyHouse
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.privacy import research


class Command(BaseCommand):
    help = "Pseudonymised research export (one row per case, no names, no free text, no calendar dates)."

    def add_arguments(self, parser):
        parser.add_argument("--house", required=True, help="code of the safety house, e.g. hgl")
        parser.add_argument("--out", required=True, help="the CSV file to write")

    def handle(self, *args, house, out, **options):
        safety_house = SafetyHouse.objects.filter(code__iexact=house.strip()).first()
        if safety_house is None:
            raise CommandError(f"Unknown safety house code: {house!r}")
        path = Path(out)
        if not path.parent.is_dir():
            raise CommandError(f"Directory does not exist: {path.parent}")
        with transaction.atomic():
            text, count = research.as_csv(safety_house)
            events.record(
                actor=Actor.system(channel="cli", role="system"),
                action=Action.EXPORT,
                purpose="onderzoeksexport",
                subject=Subject("research_export", safety_house.code, safety_house_code=safety_house.code),
                detail=f"{count} rows, pseudonymised, to a file (manage.py research_export)",
            )
        # Only the operator may read the file: it is pseudonymised, not anonymous.
        path.touch(mode=0o600, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {count} row(s) to {path}")
