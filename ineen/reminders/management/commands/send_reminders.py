"""Send the reminders that are due (docs/operations.md, "Reminders"): run every few minutes by cron or a
systemd timer. Without options it sends them itself; with --enqueue it hands the job to the task
worker (`manage.py db_worker`). Prints counts only, never recipients or cases."""

from django.core.management.base import BaseCommand

from ineen.reminders.sending import send_due
from ineen.reminders.tasks import send_reminders


class Command(BaseCommand):
    help = "Send due reminders (actions, bottom lines, conferences, preparation), each once."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="enqueue the job for the task worker instead")

    def handle(self, *args, **options):
        if options["enqueue"]:
            result = send_reminders.enqueue()
            self.stdout.write(f"reminders: job {result.id} enqueued ({result.status})")
            return
        result = send_due()
        self.stdout.write(
            f"reminders sent: {result.sent}, already sent: {result.already_sent}, not allowed: {result.not_allowed}"
        )
