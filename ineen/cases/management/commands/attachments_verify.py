"""Check that every attachment's file is in the private storage and unchanged (SHA-256 as uploaded).

Run after a restore (docs/operations.md, "Backup and restore") and from the daily verify job. Prints
counts and the public ids of missing or changed files (never titles or names); exit 1 if any."""

from django.core.management.base import BaseCommand, CommandError

from ineen.cases.attachments import stored_digest
from ineen.cases.models import Attachment


class Command(BaseCommand):
    help = "Verify that every attachment file exists and matches its recorded SHA-256."

    def handle(self, *args, **options):
        checked, missing, changed = 0, [], []
        for public_id, name, sha256 in Attachment.objects.values_list("public_id", "file", "sha256").iterator():
            checked += 1
            found = stored_digest(name)
            if found is None:
                missing.append(str(public_id))
            elif found != sha256:
                changed.append(str(public_id))
        self.stdout.write(f"attachments checked: {checked}, missing: {len(missing)}, changed: {len(changed)}")
        for public_id in missing:
            self.stdout.write(f"  missing: {public_id}")
        for public_id in changed:
            self.stdout.write(f"  changed: {public_id}")
        if missing or changed:
            raise CommandError("attachment files are missing or changed")
