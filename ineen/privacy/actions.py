"""Domain actions for consent, confidential addresses and emergency access. Each is audited in its
own transaction; notifications go out on commit and never carry case content."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.accounts.enums import Role
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action

from .enums import Basis, Visibility
from .models import BreakGlassAccess, ConfidentialAddress, Consent

BREAK_GLASS_HOURS = 4


def _subject(case, object_type, object_id, person_ids=()) -> Subject:
    return Subject(
        object_type,
        str(object_id),
        str(case.household.public_id),
        person_ids=[str(p) for p in person_ids],
        safety_house_code=case.safety_house.code,
    )


def validate_governance(
    *, basis: str, basis_reason: str, visibility: str, shared_with, concerns, is_health_information: bool
):
    """The covenant's rules for one item, as clear Dutch messages per field."""
    errors = {}
    if basis == Basis.BREACH_OF_SECRECY and not basis_reason.strip():
        errors["basis_reason"] = _("Schrijf op waarom het beroepsgeheim wordt doorbroken (acute, ernstige dreiging).")
    if basis == Basis.LEGAL_DUTY and not basis_reason.strip():
        errors["basis_reason"] = _("Noem de wettelijke plicht of grondslag.")
    if basis == Basis.CONSENT and not concerns:
        errors["concerns"] = _("Kies over wie dit gaat: toestemming is per persoon.")
    if is_health_information and basis == Basis.COVENANT:
        errors["basis"] = _(
            "Medische of ggz-informatie mag alleen gedeeld worden met toestemming, "
            "bij doorbreking van het beroepsgeheim of op grond van een wettelijke plicht."
        )
    if visibility == Visibility.NAMED_ORGANISATIONS and not shared_with:
        errors["shared_with"] = _("Kies met welke organisaties dit gedeeld mag worden.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_consent(*, case, person, organisation, purpose, form, given_on=None, note="", actor):
    actor = acting(actor)
    by = actor.user
    consent = Consent.objects.create(
        person=person,
        organisation=organisation,
        purpose=purpose,
        form=form,
        given_on=given_on or timezone.localdate(),
        note=note,
        recorded_by=by,
    )
    events.record(
        actor=actor,
        action=Action.CREATE,
        purpose="toestemming",
        subject=_subject(case, "consent", consent.public_id, [person.public_id]),
        detail=f"{organisation.name}: {purpose}",
    )
    return consent


@transaction.atomic
def withdraw_consent(*, case, consent, on=None, actor):
    """Withdrawal takes effect on `on` (default today): consent-based items disappear for others
    from that day, at their next request."""
    actor = acting(actor)
    by = actor.user
    if consent.withdrawn_on is not None:
        raise ValidationError(_("Deze toestemming is al ingetrokken."))
    consent.withdrawn_on = on or timezone.localdate()
    consent.withdrawal_recorded_by = by
    consent.save(update_fields=["withdrawn_on", "withdrawal_recorded_by"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="toestemming",
        subject=_subject(case, "consent", consent.public_id, [consent.person.public_id]),
        detail="withdrawn",
    )
    return consent


@transaction.atomic
def set_confidential_address(*, case, person, address: str, guardians, actor):
    """Record (or change) where a person really stays. The recorder is always a guardian."""
    actor = acting(actor)
    by = actor.user
    record, _created = ConfidentialAddress.objects.update_or_create(
        person=person, defaults={"address": address, "recorded_by": by, "updated_at": timezone.now()}
    )
    record.guardians.set({*guardians, by})
    if not person.has_confidential_address:
        person.has_confidential_address = True
        person.save(update_fields=["has_confidential_address"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="geheim adres",
        subject=_subject(case, "confidential_address", person.public_id, [person.public_id]),
        detail=f"{len(set(guardians) | {by})} guardians",
    )
    return record


def reveal_confidential_address(*, case, person, actor) -> str:
    """Return the address for a guardian; the reveal itself is audited (the caller checked
    re-authentication and guardianship)."""
    actor = acting(actor)
    events.record(
        actor=actor,
        action=Action.VIEW,
        purpose="geheim adres tonen",
        subject=_subject(case, "confidential_address", person.public_id, [person.public_id]),
    )
    return person.confidential_address.address


@transaction.atomic
def break_glass(*, case, actor, reason: str) -> BreakGlassAccess:
    """Emergency read access for BREAK_GLASS_HOURS. Side effects: audit event, e-mail to the chairs
    of the safety house and the privacy officers (a link to the report, no case content)."""
    actor = acting(actor)
    user = actor.user
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Beschrijf de noodsituatie in een paar woorden (minstens 10 tekens).")})
    now = timezone.now()
    grant = BreakGlassAccess.objects.create(
        user=user,
        case=case,
        reason=reason.strip(),
        started_at=now,
        expires_at=now + timedelta(hours=BREAK_GLASS_HOURS),
        reported_at=now,
    )
    events.record(
        actor=actor,
        action=Action.VIEW,
        purpose="noodtoegang",
        role="break_glass",
        subject=_subject(case, "break_glass", grant.public_id),
        detail=reason.strip()[:400],
    )
    transaction.on_commit(lambda: _report_break_glass(grant))
    return grant


def _report_break_glass(grant):
    house = grant.case.safety_house
    recipients = sorted(
        {
            ra.user.email
            for ra in house.role_assignments.filter(
                role__in=[Role.CHAIR, Role.PRIVACY_OFFICER], user__is_active=True
            ).select_related("user")
        }
    )
    if not recipients:
        return
    link = settings.INEEN_BASE_URL.rstrip("/") + reverse("privacy:break_glass_report")
    send_mail(
        "Noodtoegang gebruikt in Ineen",
        f"{grant.user.get_full_name()} ({grant.user.organisation}) heeft noodtoegang gebruikt tot een casus "
        f"van {house.name}.\n\nBekijk de reden en de casus in Ineen: {link}\n",
        None,
        recipients,
    )
