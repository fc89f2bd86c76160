"""Load a safety house's old case files from a JSON file (docs/import.md).

    manage.py import_case_files FILE --house CODE --user EMAIL [--dry-run]

--user names the house's chair or functional admin on whose behalf the operator imports: the audit names
them (channel cli), the created households carry them as creator and imported conferences as chair.
A file with any problem imports nothing; every problem is listed with its JSON path. Importing the same file
again creates nothing (each record's own reference is remembered)."""

from contextlib import nullcontext

import pghistory
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ineen.access.actor import Actor
from ineen.access.refusal import NotVisible
from ineen.accounts.models import SafetyHouse, User
from ineen.imports.loading import RecordKind, import_case_files
from ineen.imports.validation import ImportInvalid


class Command(BaseCommand):
    help = "Import old case files (JSON, docs/import.md) into a safety house; --dry-run only checks."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file (docs/import.schema.json)")
        parser.add_argument("--house", required=True, help="the safety house's code, e.g. hgl")
        parser.add_argument("--user", required=True, help="e-mail of the house's chair or functional admin")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, file, house, user, dry_run, **options):
        safety_house = SafetyHouse.objects.filter(code__iexact=house.strip()).first()
        if safety_house is None:
            raise CommandError(f"Onbekend Zorg- en Veiligheidshuis {house!r}.")
        account = User.objects.filter(email__iexact=user.strip(), is_active=True).first()
        if account is None:
            raise CommandError(f"Geen actief account met e-mailadres {user!r}.")
        try:
            with open(file, "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error}") from None
        actor = Actor.system(account, channel="cli")
        try:
            # The write history's context (who, channel) exists on PostgreSQL only, as in the history middleware.
            history = (
                pghistory.context(channel="cli", command="import_case_files", actor=account.email)
                if connection.vendor == "postgresql"
                else nullcontext()
            )
            with history:
                result = import_case_files(actor=actor, house=safety_house, raw=raw, dry_run=dry_run)
        except NotVisible:
            raise CommandError(
                f"{account.email} mag niet importeren in {safety_house.code}: alleen de procesregisseur of de "
                "functioneel beheerder van dat huis."
            ) from None
        except ImportInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(f"{problem.path}: {problem.message}")
            raise CommandError(f"Niets geïmporteerd: {len(invalid.problems)} fout(en) in {file}.") from None
        labels = dict(RecordKind.choices)
        verb = "Zou aanmaken" if dry_run else "Aangemaakt"
        for kind in RecordKind.values:
            self.stdout.write(
                f"{labels[kind]}: {verb.lower()} {result.created[kind]}, al geïmporteerd {result.skipped[kind]}"
            )
        if dry_run:
            self.stdout.write("Proefrun: niets opgeslagen.")
