"""One-time enrolment codes for the first second factor (TOTP app or security key).

MFA is mandatory (accounts/middleware.py), but allauth lets any logged-in account without an authenticator
enrol one: with only a stolen password, an attacker could enrol their own and own the account. So the
first enrolment needs a code that reaches the professional by another channel: e-mailed by the functional
administrator (/beheer/, action "Stuur inschrijfcode") or issued by the operator
(`manage.py issue_enrolment_code`). A correct code lets this session reach allauth's activation pages.

Rules: only a hash is stored; valid CODE_VALID_DAYS days; single use; MAX_ATTEMPTS wrong tries void it;
a new code voids the earlier open ones; every step is an audit event (object_type "mfa_enrolment").
"""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ineen import mail
from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action, Outcome

from .models import EnrolmentCode

CODE_VALID_DAYS = 7
MAX_ATTEMPTS = 5
# No 0/O, 1/I/L: the code is read from a mail or a note and typed in by hand. 12 characters of 31 = ~59 bits.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SESSION_KEY = "ineen_mfa_enrolment_granted"
OBJECT_TYPE = "mfa_enrolment"


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _record(*, user, actor, action, detail, outcome=Outcome.ALLOWED, code=None):
    actor = acting(actor)
    events.record(
        actor=actor,
        action=action,
        purpose="inschrijving tweestapsverificatie",
        subject=Subject(OBJECT_TYPE, str(code.public_id) if code else str(user.public_id)),
        outcome=outcome,
        detail=f"{user.email} {detail}",
        role="system" if actor.user is None else "",
    )


def open_codes(user):
    return EnrolmentCode.objects.filter(
        user=user, used_at__isnull=True, voided_at__isnull=True, expires_at__gt=timezone.now()
    )


@transaction.atomic
def issue_code(*, user, actor) -> str:
    """Make a new code for `user` and return it in clear (the only moment it exists in clear). `actor`: the
    functional admin who issues it, or `Actor.system(channel="cli")` for the operator's command.

    Side effects: earlier open codes of the user are voided; one EnrolmentCode row; an audit event."""
    actor = acting(actor)
    now = timezone.now()
    open_codes(user).update(voided_at=now)
    code = _new_code()
    row = EnrolmentCode.objects.create(
        user=user,
        code_hash=make_password(_normalise(code)),
        created_by=actor.user,
        created_at=now,
        expires_at=now + timezone.timedelta(days=CODE_VALID_DAYS),
    )
    _record(user=user, actor=actor, action=Action.CREATE, detail="issued", code=row)
    return code


def send_code(*, user, actor) -> None:
    """Issue a code and e-mail it to the account's own address (after commit). The caller never sees it.

    Side effects: those of issue_code; an e-mail to user.email."""
    code = issue_code(user=user, actor=actor)
    until = timezone.localtime(timezone.now() + timezone.timedelta(days=CODE_VALID_DAYS))
    link = settings.INEEN_BASE_URL.rstrip("/") + reverse("web:mfa_enrolment_code")
    body = (
        "Voor uw account in Ineen is een inschrijfcode aangemaakt. U hebt die eenmalig nodig om "
        "tweestapsverificatie (authenticator-app of beveiligingssleutel) in te stellen.\n\n"
        f"Inschrijfcode: {code}\n"
        f"Geldig tot: {until:%d-%m-%Y %H:%M}\n\n"
        f"Log in en vul de code in op: {link}\n\n"
        "Hebt u hier niet om gevraagd? Neem dan contact op met uw functioneel beheerder.\n"
    )
    address = user.email
    transaction.on_commit(lambda: mail.send("Uw inschrijfcode voor Ineen", body, [address]))


@transaction.atomic
def redeem(*, user, code: str, actor) -> bool:
    """Check `code` against the user's open codes. Correct: the code is used up (the caller then lets this
    session enrol a second factor: `grant`). Wrong: the open codes count an attempt; the MAX_ATTEMPTS-th
    voids them.

    Side effects: EnrolmentCode rows updated; an audit event."""
    now = timezone.now()
    candidates = list(open_codes(user).select_for_update())  # parallel guesses count one by one
    typed = _normalise(code)
    for row in candidates:
        if typed and check_password(typed, row.code_hash):
            row.used_at = now
            row.save(update_fields=["used_at"])
            _record(user=user, actor=actor, action=Action.UPDATE, detail="redeemed", code=row)
            return True
    for row in candidates:
        row.failed_attempts += 1
        if row.failed_attempts >= MAX_ATTEMPTS:
            row.voided_at = now
        row.save(update_fields=["failed_attempts", "voided_at"])
    detail = "wrong code" if candidates else "no open code"
    if any(row.voided_at for row in candidates):
        detail += ", code voided after too many attempts"
    _record(user=user, actor=actor, action=Action.UPDATE, detail=detail, outcome=Outcome.DENIED)
    return False


def grant(request) -> None:
    """After a correct code: this login session (and only this one) may enrol a second factor."""
    request.session[SESSION_KEY] = str(request.user.pk)


def has_grant(request) -> bool:
    """This session entered a correct code for its own user."""
    return request.session.get(SESSION_KEY) == str(request.user.pk)


def drop_grant(request) -> None:
    request.session.pop(SESSION_KEY, None)
