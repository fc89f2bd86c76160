"""E-mails to the privacy officers about four-eyes role grants. Account data only, never case content."""

from django.conf import settings
from django.urls import reverse

from ineen import mail

from .enums import Role


def _privacy_officers(safety_house) -> list[str]:
    officers = safety_house.role_assignments.filter(role=Role.PRIVACY_OFFICER, user__is_active=True)
    return sorted({ra.user.email for ra in officers.select_related("user")})


def _link(grant) -> str:
    return settings.INEEN_BASE_URL.rstrip("/") + reverse("admin:accounts_rolegrantrequest_change", args=[grant.pk])


def grant_requested(grant):
    recipients = _privacy_officers(grant.safety_house)
    if recipients:
        mail.send(
            f"Rolaanvraag {grant.get_role_display()} bij {grant.safety_house.name}",
            f"{grant.requested_by.get_full_name() or grant.requested_by.email} heeft de rol "
            f"{grant.get_role_display()} aangevraagd voor {grant.user.email} bij {grant.safety_house.name}. "
            "Een tweede functioneel beheerder moet de aanvraag goedkeuren.\n\n"
            f"Bekijk de aanvraag: {_link(grant)}\n",
            recipients,
        )


def grant_approved(grant):
    recipients = _privacy_officers(grant.safety_house)
    if recipients:
        mail.send(
            f"Rol {grant.get_role_display()} toegekend bij {grant.safety_house.name}",
            f"{grant.decided_by.get_full_name() or grant.decided_by.email} heeft de aanvraag van "
            f"{grant.requested_by.get_full_name() or grant.requested_by.email} goedgekeurd: {grant.user.email} "
            f"heeft nu de rol {grant.get_role_display()} bij {grant.safety_house.name}.\n\n"
            f"Bekijk de aanvraag: {_link(grant)}\n",
            recipients,
        )
