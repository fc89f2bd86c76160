"""Set the account flags that the web never edits: is_staff, is_superuser, is_demo_account (roles.py)."""

import argparse

from django.core.management.base import BaseCommand, CommandError

from ineen.access.actor import Actor
from ineen.accounts import roles
from ineen.accounts.models import User


class Command(BaseCommand):
    help = (
        "Set is_staff / is_superuser / is_demo_account of one account; each run is an audit event (channel cli) "
        "with the flags before and after. Flags not given stay as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="e-mail address of the account")
        parser.add_argument("--staff", action=argparse.BooleanOptionalAction, default=None)
        parser.add_argument("--superuser", action=argparse.BooleanOptionalAction, default=None)
        parser.add_argument("--demo", action=argparse.BooleanOptionalAction, default=None)

    def handle(self, *args, email, staff, superuser, demo, **options):
        if staff is None and superuser is None and demo is None:
            raise CommandError("Give at least one of --staff/--no-staff, --superuser/--no-superuser, --demo/--no-demo.")
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Unknown account: {email!r}")
        after = roles.set_account_flags(
            user=user,
            actor=Actor.system(channel="cli", role="system"),
            is_staff=staff,
            is_superuser=superuser,
            is_demo_account=demo,
        )
        self.stdout.write(f"{user.email}: " + ", ".join(f"{name}={value}" for name, value in after.items()))
