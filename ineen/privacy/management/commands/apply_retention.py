"""Apply the retention periods (settings.INEEN_RETENTION); run daily, e.g. from cron or a systemd timer."""

from django.core.management.base import BaseCommand

from ineen.privacy import retention


class Command(BaseCommand):
    help = "Anonymise expired households, delete expired emergency-access records, report old audit events."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only report what has expired; change nothing")

    def handle(self, *args, dry_run=False, **options):
        report = retention.apply(dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
