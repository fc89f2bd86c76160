"""Issue a one-time enrolment code for a user's first second factor (ineen/accounts/enrolment.py).

By default the code is e-mailed to the account's own address. With --print it is shown here instead and not
mailed, for the operator to hand over in person or by phone (e.g. when the mail does not arrive); the code
is then on this terminal only, so hand it over directly and do not store it.
"""

from django.core.management.base import BaseCommand, CommandError

from ineen.access.actor import Actor
from ineen.accounts import enrolment
from ineen.accounts.models import User


class Command(BaseCommand):
    help = "Issue a one-time enrolment code for a user's first authenticator (e-mailed; --print to show it)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the account's e-mail address")
        parser.add_argument("--print", action="store_true", dest="show", help="show the code here, do not e-mail it")

    def handle(self, *args, email, show, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active account with e-mail address {email!r}.")
        if show:
            code = enrolment.issue_code(user=user, actor=Actor.system(channel="cli"))
            self.stdout.write(f"Inschrijfcode voor {user.email}: {code}")
        else:
            enrolment.send_code(user=user, actor=Actor.system(channel="cli"))
            self.stdout.write(f"Inschrijfcode gemaild naar {user.email}.")
        self.stdout.write(
            f"Geldig {enrolment.CODE_VALID_DAYS} dagen, eenmalig; na {enrolment.MAX_ATTEMPTS} foute pogingen "
            "vervalt de code. Een nieuwe code vervangt eerdere."
        )
