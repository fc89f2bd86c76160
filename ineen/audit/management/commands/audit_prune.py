"""Remove audit months past their retention period, one partition at a time, re-anchored in the chain
(ineen/audit/pruning.py). Run as the tables' owner, after the privacy officer's approval."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from ineen.access.actor import Actor
from ineen.audit import pruning


class Command(BaseCommand):
    help = (
        "List (default) or remove (--remove) the audit event months older than the audit retention period "
        "(INEEN_RETENTION['audit_event'] years): seal, check, record an anchor, DETACH + DROP the partition."
    )

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="remove them (default: only list)")
        parser.add_argument("--approval", default="", help="reference of the privacy officer's written approval")
        parser.add_argument("--max-months", type=int, default=1, help="months per run (default 1)")

    def handle(self, *args, remove, approval, max_months, **options):
        months = pruning.expired()
        self.stdout.write(f"Retention cutoff {pruning.cutoff():%Y-%m-%d}: {len(months)} month(s) past it.")
        if not remove:
            for partition in months:
                self.stdout.write(f"  {partition.month} ({partition.name})")
            return
        if not approval:
            raise CommandError("--approval is required with --remove (the privacy officer's approval reference).")
        actor = Actor.system(channel="cli", role="system")
        for partition in months[:max_months]:
            try:
                anchor = pruning.remove_month(
                    partition, removed_by=f"{getpass.getuser()} (cli)", approval=approval, actor=actor
                )
            except pruning.PruneRefused as refused:
                raise CommandError(str(refused)) from refused
            self.stdout.write(
                f"Removed {partition.month}: {anchor.rows} rows, seals {anchor.first_seq}..{anchor.last_seq}, "
                f"last chain hash {anchor.last_chain_hash}; anchor {anchor.pk}."
            )
