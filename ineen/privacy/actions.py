"""Domain actions for consent, confidential addresses and emergency access. Each is audited in its
own transaction; notifications go out on commit and never carry case content."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen import mail
from ineen.access.actor import acting
from ineen.accounts.enums import Role
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action, Outcome

from . import emergency
from .enums import Basis, BreakGlassReason, BreakGlassVerdict, Visibility
from .models import BreakGlassAccess, BreakGlassRefusal, ConfidentialAddress, Consent

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


def _lock_person(person):
    """Serialise changes to one person's protection (two guardians saving at once)."""
    from ineen.households.models import Person

    Person.objects.select_for_update().filter(pk=person.pk).first()
    return ConfidentialAddress.objects.filter(person=person).first()


def _set_protection_flag(person, on: bool):
    # A queryset update: Person.save() never writes this flag (ineen/households/models.py).
    type(person).objects.filter(pk=person.pk).update(has_confidential_address=on)
    person.has_confidential_address = on


@transaction.atomic
def set_confidential_address(*, case, person, address: str, guardians, actor, reason: str = ""):
    """Record (or change) where a person really stays, and who guards it. The recorder is always a guardian.

    Once a record exists only its guardians may change it (PermissionDenied otherwise; the view answers 404
    before this), and with a reason. Starting protection needs no guardian (switching it on is always safe).
    Side effects: the person's flag on; an audit event with the reason (never the address); the other
    guardians, old and new, are e-mailed a link (no address, no case content). An empty `address` keeps the
    recorded one."""
    actor = acting(actor)
    by = actor.user
    existing = _lock_person(person)
    before = set(existing.guardians.all()) if existing else set()
    if existing is not None:
        if by not in before:
            raise PermissionDenied("not a guardian")
        if not reason.strip():
            raise ValidationError({"reason": _("Geef kort aan waarom het geheime adres of de bewakers wijzigen.")})
    if existing is None and not address.strip():
        raise ValidationError({"address": _("Vul het verblijfadres in.")})
    changes = {"recorded_by": by, "updated_at": timezone.now()}
    if address.strip():  # empty when a guardian only changes the guardians
        changes["address"] = address
    record, _created = ConfidentialAddress.objects.update_or_create(person=person, defaults=changes)
    after = {*guardians, by}
    record.guardians.set(after)
    if not person.has_confidential_address:
        _set_protection_flag(person, True)
    events.record(
        actor=actor,
        action=Action.UPDATE if existing else Action.CREATE,
        purpose="geheim adres",
        subject=_subject(case, "confidential_address", person.public_id, [person.public_id]),
        detail=f"{len(after)} guardians; reason: {reason.strip()[:300]}",
    )
    others = (before | after) - {by}
    transaction.on_commit(lambda: _tell_guardians(case, others, by, changed=True))
    return record


@transaction.atomic
def remove_confidential_protection(*, case, person, reason: str, actor):
    """Lift the protection: only a guardian, with a reason. The address record is deleted (not kept: an
    address nobody guards any more is a risk, and a new one can be recorded at any time).

    Side effects: the person's flag off; the record and its guardians deleted; an audit event with the
    reason; the other guardians e-mailed a link (no address, no case content)."""
    actor = acting(actor)
    by = actor.user
    existing = _lock_person(person)
    if existing is None or not existing.guardians.filter(pk=by.pk).exists():
        raise PermissionDenied("not a guardian")
    if not reason.strip():
        raise ValidationError({"reason": _("Geef kort aan waarom de bescherming wordt opgeheven.")})
    others = set(existing.guardians.all()) - {by}
    existing.delete()
    _set_protection_flag(person, False)
    events.record(
        actor=actor,
        action=Action.DELETE,
        purpose="geheim adres opheffen",
        subject=_subject(case, "confidential_address", person.public_id, [person.public_id]),
        detail=f"reason: {reason.strip()[:300]}",
    )
    transaction.on_commit(lambda: _tell_guardians(case, others, by, changed=False))


def _tell_guardians(case, guardians, by, *, changed: bool):
    """Tell the other guardians; the e-mail names who did it, never the person, the address or the case."""
    recipients = sorted({u.email for u in guardians if u.is_active and u.email})
    if not recipients:
        return
    link = settings.INEEN_BASE_URL.rstrip("/") + reverse("web:case_household", args=[case.public_id])
    what = "gewijzigd" if changed else "opgeheven"
    mail.send(
        f"Geheim adres {what} in Ineen",
        f"{by.get_full_name()} ({by.organisation}) heeft een geheim adres waarvan u bewaker bent of was {what}.\n\n"
        f"Bekijk het in Ineen: {link}\n",
        recipients,
    )


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
    return ConfidentialAddress.objects.get(person=person).address


@transaction.atomic
def break_glass(*, case, actor, reason: str, reason_code: str = BreakGlassReason.OTHER) -> BreakGlassAccess:
    """Emergency read access for BREAK_GLASS_HOURS, within the user's daily limit (emergency.blocked()).

    Side effects: audit event; e-mail to the chairs of the safety house and the privacy officers (a link to the
    review list, no case content). Over the limit: ValidationError (the view refuses before this)."""
    actor = acting(actor)
    user = actor.user
    if reason_code not in BreakGlassReason.values:
        raise ValidationError({"reason_code": _("Kies wat voor noodsituatie het is.")})
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Beschrijf de noodsituatie in een paar woorden (minstens 10 tekens).")})
    # Serialise one user's requests, so that two at once cannot both slip under the limit.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if emergency.blocked(user):
        raise ValidationError(emergency.blocked_message())
    now = timezone.now()
    grant = BreakGlassAccess.objects.create(
        user=user,
        case=case,
        reason_code=reason_code,
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
        detail=f"{reason_code}: {reason.strip()}"[:400],
    )
    transaction.on_commit(lambda: _report_break_glass(grant))
    return grant


@transaction.atomic
def refuse_break_glass(*, actor, reference: str, kind: str):
    """Count and audit a refused request for emergency access. kind: "refused" (the reference: unknown, not
    allowed or already in the team; one answer for all) or "limit" (the user was blocked). The refusals count
    towards emergency.blocked(), which stops guessing references."""
    actor = acting(actor)
    user = actor.user
    BreakGlassRefusal.objects.create(user=user, kind=kind)
    events.record(
        actor=actor,
        action=Action.VIEW,
        purpose="noodtoegang",
        outcome=Outcome.DENIED,
        subject=Subject("break_glass", reference[:30]),
        detail=kind,
    )


@transaction.atomic
def review_break_glass(*, grant, verdict: str, note: str, actor) -> BreakGlassAccess:
    """The chair's verdict on one use of emergency access (may be revised; each review is audited).
    Nobody reviews their own use. A verdict other than "justified" needs a note."""
    actor = acting(actor)
    by = actor.user
    if grant.user_id == by.pk:
        raise PermissionDenied("own use")
    if verdict not in BreakGlassVerdict.values:
        raise ValidationError({"verdict": _("Kies een oordeel.")})
    if verdict != BreakGlassVerdict.JUSTIFIED and not note.strip():
        raise ValidationError({"note": _("Licht toe waarom, of wat er besproken moet worden.")})
    grant.verdict = verdict
    grant.review_note = note.strip()
    grant.reviewed_by = by
    grant.reviewed_at = timezone.now()
    grant.save(update_fields=["verdict", "review_note", "reviewed_by", "reviewed_at"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="beoordeling noodtoegang",
        role="chair",
        subject=_subject(grant.case, "break_glass", grant.public_id),
        detail=verdict,
    )
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
    mail.send(
        "Noodtoegang gebruikt in Ineen",
        f"{grant.user.get_full_name()} ({grant.user.organisation}) heeft noodtoegang gebruikt tot een casus "
        f"van {house.name}.\n\nBekijk en beoordeel het gebruik in Ineen: {link}\n",
        recipients,
    )
