"""E-mails of escalation and breaches: a link, never case content (no household, no free text)."""

from django.conf import settings
from django.urls import reverse

from ineen import mail
from ineen.accounts.enums import Role


def _link(name, *args):
    return settings.INEEN_BASE_URL.rstrip("/") + reverse(name, args=args)


def escalation_raised(escalation):
    mail.send(
        "Opschaling voor u in Ineen",
        "Er is een opschaling aan u gericht. U ziet wat er nodig is en voor wanneer, en u legt er het "
        "resultaat vast.\n\n"
        f"Open de opschaling in Ineen: {_link('escalations:manager_detail', escalation.public_id)}\n",
        [escalation.addressed_to.email],
    )


def escalation_answered(escalation):
    mail.send(
        f"Reactie op opschaling bij casus {escalation.case.reference}",
        "De manager heeft gereageerd op een opschaling die u heeft ingediend.\n\n"
        f"Bekijk de reactie in Ineen: {_link('escalations:detail', escalation.case.public_id, escalation.public_id)}\n",
        [escalation.raised_by.email],
    )


def breach_recorded(case, *, recorded_by):
    """To the current case director and the chairs of the house, except whoever recorded it."""
    from ineen.cases.models import CaseDirectorAssignment

    recipients = set(
        case.safety_house.role_assignments.filter(role=Role.CHAIR, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )
    director = (
        CaseDirectorAssignment.objects.filter(case=case, ended_at__isnull=True).select_related("director").first()
    )
    if director is not None and director.director.is_active:
        recipients.add(director.director.email)
    recipients.discard(recorded_by.email)
    if recipients:
        mail.send(
            f"Bodemeis niet nagekomen bij casus {case.reference}",
            "Er is vastgelegd dat een bodemeis niet is nagekomen. "
            "Het afgesproken gevolg staat als actie in het plan.\n\n"
            f"Bekijk het plan in Ineen: {_link('plans:plan', case.public_id)}#bodemeisen\n",
            sorted(recipients),
        )
