"""Granting, revoking and using a household member's own access (issue 11, point 5). Who may grant and
revoke: ineen/access/clients.py. The code check is the only way in: wrong codes lock the access (5 in a row:
15 minutes) and, per address, a ceiling over all accesses; every attempt is audited."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import Actor, acting
from ineen.access.households import household_records
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action, Outcome
from ineen.cases.enums import CaseState

from .models import ClientAccess

PURPOSE = "eigen toegang cliënt"
# No 0/O, 1/I/L: read aloud over the phone or copied from paper without mistakes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_FAILURES = 5
LOCK_MINUTES = 15
# For unknown tokens: check a code against this hash anyway, so the answer takes as long as for a known one.
_DUMMY_HASH = make_password("ineen-no-such-access")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """What the client typed, as it was handed over: spaces and dashes left out, capitals."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:32]


def show_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def subject(access) -> Subject:
    case = access.case
    return Subject(
        "client_access",
        str(access.public_id),
        str(case.household.public_id),
        person_ids=[str(access.person.public_id)],
        safety_house_code=case.safety_house.code,
    )


def client_actor(access, *, origin_ip=None, path="", context_id=None) -> Actor:
    """The actor of a request through a client's own access: no user; the access itself names who acts."""
    return Actor(
        user=None,
        role="client",
        channel="client",
        origin_ip=origin_ip,
        path=path[:500],
        context_id=context_id,
        client_access=access,
    )


def live_accesses(case):
    return ClientAccess.objects.filter(case=case, revoked_at__isnull=True, expires_at__gt=timezone.now())


@transaction.atomic
def grant_access(*, actor, case, person, days=None, token=None, code=None):
    """A new access for `person` of `case`: returns (access, token, code). The token and the code exist only
    in this return value (shown once on the handover sheet). A live earlier access of the same member in the
    same case is revoked first. `token`/`code`: fixed values for the demo only (refused outside demo mode).
    The caller has checked policy.may_manage_client_access."""
    actor = acting(actor)
    if (token or code) and not settings.DEMO_MODE:
        raise ValueError("a fixed token or code is for the demo only")
    errors = {}
    # The case's state as it is now (locked), not as the caller loaded it: closing and granting race otherwise.
    if case.__class__.objects.select_for_update().get(pk=case.pk).state == CaseState.CLOSED:
        errors["person"] = _("Deze casus is gesloten. Er kan geen eigen toegang meer bij.")
    elif not household_records(case, case.household.members.all()).filter(pk=person.pk).exists():
        errors["person"] = _("Kies een gezinslid van dit huishouden.")
    days = settings.INEEN_CLIENT_ACCESS_DAYS if days is None else int(days)
    if not 1 <= days <= settings.INEEN_CLIENT_ACCESS_DAYS:
        errors["days"] = _("Kies een geldigheid van 1 tot en met %(max)s dagen.") % {
            "max": settings.INEEN_CLIENT_ACCESS_DAYS
        }
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for old in ClientAccess.objects.select_for_update().filter(case=case, person=person, revoked_at__isnull=True):
        _revoke(actor, old, now, detail="vervangen door een nieuwe toegang")
    token = token or secrets.token_urlsafe(32)
    code = normalise_code(code) if code else new_code()
    access = ClientAccess.objects.create(
        case=case,
        person=person,
        created_by=actor.user,
        created_at=now,
        expires_at=now + timedelta(days=days),
        token_hash=hash_token(token),
        code_hash=make_password(code),
    )
    events.record(
        actor=actor, action=Action.CREATE, subject=subject(access), purpose=PURPOSE, detail=f"geldig {days} dagen"
    )
    return access, token, code


def _revoke(actor, access, now, *, detail=""):
    ClientAccess.objects.filter(pk=access.pk).update(revoked_at=now, revoked_by=actor.user)
    access.revoked_at, access.revoked_by = now, actor.user
    events.record(actor=actor, action=Action.DELETE, subject=subject(access), purpose=PURPOSE, detail=detail)


@transaction.atomic
def revoke_access(*, actor, access):
    """End an access now. Its client session ends at its next request (portal/session.py checks each time)."""
    actor = acting(actor)
    access = ClientAccess.objects.select_for_update().select_related("case", "person").get(pk=access.pk)
    if access.revoked_at is None:
        _revoke(actor, access, timezone.now(), detail="ingetrokken")
    return access


# --- using an access -----------------------------------------------------------------------------------


@dataclass
class Check:
    """The result of a code check: `ok` with the access, or refused: `locked` (wait), `ended` (the right code
    for an access that expired, was revoked or whose case was closed), or just a wrong code."""

    access: ClientAccess | None = None
    ok: bool = False
    locked: bool = False
    ended: bool = False


def _ip_key(ip):
    return f"portal:ip-failures:{ip or '-'}"


def _ip_blocked(ip) -> bool:
    return cache.get(_ip_key(ip), 0) >= settings.INEEN_CLIENT_ACCESS_IP_FAILURES


def _count_ip_failure(ip):
    key = _ip_key(ip)
    if not cache.add(key, 1, timeout=60 * 60):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=60 * 60)


def _refused(actor, access, token_hash, reason):
    # An unknown token: a prefix of its hash, so repeated tries can be told apart, never the token itself.
    target = subject(access) if access is not None else Subject("client_access", f"onbekend:{token_hash[:12]}")
    events.record(
        actor=actor,
        action=Action.VIEW,
        subject=target,
        purpose=PURPOSE,
        outcome=Outcome.DENIED,
        detail=reason,
        role="client",
    )


def _unknown_lock(token_hash, failed: bool) -> bool:
    """An unknown token is locked after as many wrong codes as a real one, so locking tells nothing."""
    key = f"portal:unknown:{token_hash}"
    count = cache.get(key, 0) + (1 if failed else 0)
    if failed:
        cache.set(key, count, timeout=LOCK_MINUTES * 60)
    return count >= MAX_FAILURES


@transaction.atomic
def check_code(*, token: str, code: str, actor) -> Check:
    """Check the code typed on the link's page. Every attempt leaves an audit event (refusals: denied)."""
    actor = acting(actor)
    now = timezone.now()
    token_hash = hash_token(token or "")
    code = normalise_code(code)
    if _ip_blocked(actor.origin_ip):
        _refused(actor, None, token_hash, "te veel verkeerde codes vanaf dit adres")
        return Check(locked=True)
    access = (
        ClientAccess.objects.select_for_update()
        .select_related("case__household", "case__safety_house", "person")
        .filter(token_hash=token_hash)
        .first()
    )
    if access is None:
        check_password(code, _DUMMY_HASH)  # the same work as for a real access
        locked = _unknown_lock(token_hash, failed=False) or _unknown_lock(token_hash, failed=True)
        _count_ip_failure(actor.origin_ip)
        _refused(actor, None, token_hash, "onbekende link of verkeerde code")
        return Check(locked=locked)
    client = client_actor(access, origin_ip=actor.origin_ip, path=actor.path, context_id=actor.context_id)
    if access.is_locked(now):
        check_password(code, _DUMMY_HASH)  # as long as any other answer: a locked access is no timing oracle
        _refused(client, access, token_hash, "geblokkeerd na te veel verkeerde codes")
        return Check(locked=True)
    if not code or not check_password(code, access.code_hash):
        access.failed_attempts += 1
        locked = access.failed_attempts >= MAX_FAILURES
        if locked:
            access.failed_attempts, access.locked_until = 0, now + timedelta(minutes=LOCK_MINUTES)
        access.save(update_fields=["failed_attempts", "locked_until"])
        _count_ip_failure(actor.origin_ip)
        _refused(client, access, token_hash, "verkeerde code" + (": geblokkeerd" if locked else ""))
        return Check(locked=locked)
    access.failed_attempts, access.locked_until = 0, None
    if not access.is_live(now) or access.case.state == CaseState.CLOSED:
        access.save(update_fields=["failed_attempts", "locked_until"])
        _refused(client, access, token_hash, "juiste code, maar de toegang is verlopen, ingetrokken of gesloten")
        return Check(ended=True)
    access.last_used_at = now
    access.save(update_fields=["failed_attempts", "locked_until", "last_used_at"])
    events.record(actor=client, action=Action.VIEW, subject=subject(access), purpose=PURPOSE, detail="ingelogd")
    return Check(access=access, ok=True)
