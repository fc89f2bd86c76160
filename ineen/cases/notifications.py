"""E-mails that tell people something happened. They carry a link, never case content."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ineen import mail
from ineen.accounts.enums import Role


def _link(name, *args):
    return settings.INEEN_BASE_URL.rstrip("/") + reverse(name, args=args)


def referral_received(case):
    chairs = case.safety_house.role_assignments.filter(role=Role.CHAIR, user__is_active=True)
    recipients = sorted({ra.user.email for ra in chairs.select_related("user")})
    if recipients:
        mail.send(
            f"Nieuwe aanmelding {case.reference}",
            f"Er is een nieuwe aanmelding binnengekomen bij {case.safety_house.name}.\n\n"
            f"Bekijk de aanmelding in Ineen: {_link('web:case_detail', case.public_id)}\n",
            recipients,
        )


def triage_decided(case):
    referral = case.referral
    mail.send(
        f"Besluit weegoverleg over aanmelding {case.reference}",
        "Het weegoverleg heeft een besluit genomen over uw aanmelding.\n\n"
        f"Bekijk het besluit in Ineen: {_link('web:referral_detail', referral.public_id)}\n",
        [referral.referrer.email],
    )


def added_to_case(case, user, *, starts_on=None):
    """`starts_on`: the first day of access when that is after today, so the professional knows the link
    works only from then. Callers send nothing for a membership that is already over (see
    actions.add_team_member)."""
    later = (
        f"Uw toegang begint op {date_format(starts_on, 'j F Y')}; de link werkt vanaf die dag.\n\n"
        if starts_on and starts_on > timezone.localdate()
        else ""
    )
    mail.send(
        f"U bent toegevoegd aan casus {case.reference}",
        f"U bent toegevoegd aan het casusteam van {case.reference} bij {case.safety_house.name}.\n\n"
        f"{later}"
        f"Open de casus in Ineen: {_link('web:case_detail', case.public_id)}\n",
        [user.email],
    )
