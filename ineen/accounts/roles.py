"""Who may administer what, and the role changes themselves (grant, removal, four-eyes requests).

Every way the web changes a role goes through these functions; each refuses a change to the actor's own
roles, writes an audit event with the roles before and after in the same transaction, and (for the
four-eyes roles) tells the privacy officers of the safety house after commit.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import Actor, acting
from ineen.access.policy import may_administer
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action

from . import notifications
from .enums import FOUR_EYES_ROLES, GrantStatus
from .models import RoleAssignment, RoleGrantRequest, SafetyHouse

PURPOSE = "functioneel beheer"


class RoleChangeRefused(PermissionDenied):
    """A role change the actor may not make (own roles, another house, own request)."""


def _roles_text(user, safety_house) -> str:
    held = sorted(RoleAssignment.objects.filter(user=user, safety_house=safety_house).values_list("role", flat=True))
    return ",".join(held) or "-"


def _record(*, actor, action, object_type, object_id, safety_house, detail):
    actor = acting(actor)
    events.record(
        actor=actor,
        action=action,
        subject=Subject(object_type, str(object_id), safety_house_code=safety_house.code),
        purpose=PURPOSE,
        detail=detail,
    )


def _check_may_change(*, by, user, safety_house):
    if by.pk == user.pk:
        raise RoleChangeRefused(_("U kunt uw eigen rollen niet wijzigen."))
    if not may_administer(by, safety_house):
        raise RoleChangeRefused(_("U bent geen functioneel beheerder van dit Zorg- en Veiligheidshuis."))


def grant_role(*, actor, user, safety_house, role, reason: str = ""):
    """Grant `role` to `user` in `safety_house`. A four-eyes role becomes a pending RoleGrantRequest instead.

    Side effects: a RoleAssignment or a RoleGrantRequest; one audit event (before/after); for a request,
    an e-mail to the house's privacy officers after commit. Returns the assignment or the request.
    Raises RoleChangeRefused (own roles, house not administered), ValidationError (already held or asked)."""
    actor = acting(actor)
    by = actor.user
    _check_may_change(by=by, user=user, safety_house=safety_house)
    if RoleAssignment.objects.filter(user=user, safety_house=safety_house, role=role).exists():
        raise ValidationError(_("Deze gebruiker heeft deze rol al."))
    before = _roles_text(user, safety_house)
    with transaction.atomic():
        if role in FOUR_EYES_ROLES:
            if RoleGrantRequest.objects.filter(
                user=user, safety_house=safety_house, role=role, status=GrantStatus.PENDING
            ).exists():
                raise ValidationError(_("Voor deze rol staat al een aanvraag open."))
            grant = RoleGrantRequest.objects.create(
                user=user, safety_house=safety_house, role=role, reason=reason[:500], requested_by=by
            )
            _record(
                actor=actor,
                action=Action.CREATE,
                object_type="role_grant_request",
                object_id=grant.public_id,
                safety_house=safety_house,
                detail=f"requested {role} for user {user.public_id}; before: {before} after: {before} "
                f"(pending, needs a second functional admin)",
            )
            transaction.on_commit(lambda: notifications.grant_requested(grant))
            return grant
        assignment = RoleAssignment.objects.create(user=user, safety_house=safety_house, role=role)
        _record(
            actor=actor,
            action=Action.CREATE,
            object_type="role_assignment",
            object_id=assignment.pk,
            safety_house=safety_house,
            detail=f"granted {role} to user {user.public_id}; "
            f"before: {before} after: {_roles_text(user, safety_house)}",
        )
        return assignment


def remove_role(*, actor, assignment):
    """Take a role away (directly: removing a role never widens access).

    Side effects: deletes the RoleAssignment; one audit event (before/after). Raises RoleChangeRefused."""
    actor = acting(actor)
    by = actor.user
    user, safety_house = assignment.user, assignment.safety_house
    _check_may_change(by=by, user=user, safety_house=safety_house)
    before = _roles_text(user, safety_house)
    with transaction.atomic():
        object_id, role = assignment.pk, assignment.role
        assignment.delete()
        _record(
            actor=actor,
            action=Action.DELETE,
            object_type="role_assignment",
            object_id=object_id,
            safety_house=safety_house,
            detail=f"removed {role} from user {user.public_id}; "
            f"before: {before} after: {_roles_text(user, safety_house)}",
        )


def _check_may_decide(*, by, grant):
    if grant.status != GrantStatus.PENDING:
        raise ValidationError(_("Over deze aanvraag is al besloten."))
    if by.pk == grant.requested_by_id:
        raise RoleChangeRefused(_("Een tweede functioneel beheerder moet uw eigen aanvraag beoordelen."))
    if by.pk == grant.user_id:
        raise RoleChangeRefused(_("U kunt niet beslissen over een aanvraag voor uzelf."))
    if not may_administer(by, grant.safety_house):
        raise RoleChangeRefused(_("U bent geen functioneel beheerder van dit Zorg- en Veiligheidshuis."))


def approve_request(*, actor, grant):
    """The second pair of eyes: grant the requested role.

    Side effects: a RoleAssignment; the request marked approved (by, when); one audit event (before/after);
    an e-mail to the house's privacy officers after commit. Raises RoleChangeRefused, ValidationError."""
    actor = acting(actor)
    by = actor.user
    with transaction.atomic():
        grant = RoleGrantRequest.objects.select_for_update().select_related("user", "safety_house").get(pk=grant.pk)
        _check_may_decide(by=by, grant=grant)
        before = _roles_text(grant.user, grant.safety_house)
        RoleAssignment.objects.get_or_create(user=grant.user, safety_house=grant.safety_house, role=grant.role)
        grant.status, grant.decided_by, grant.decided_at = GrantStatus.APPROVED, by, timezone.now()
        grant.save(update_fields=["status", "decided_by", "decided_at"])
        _record(
            actor=actor,
            action=Action.UPDATE,
            object_type="role_grant_request",
            object_id=grant.public_id,
            safety_house=grant.safety_house,
            detail=f"approved {grant.role} for user {grant.user.public_id} (requested by user "
            f"{grant.requested_by.public_id}); before: {before} after: {_roles_text(grant.user, grant.safety_house)}",
        )
        transaction.on_commit(lambda: notifications.grant_approved(grant))
    return grant


def reject_request(*, actor, grant):
    """Refuse a pending request; the role is not granted.

    Side effects: the request marked rejected (by, when); one audit event (before/after, unchanged roles).
    Raises RoleChangeRefused, ValidationError."""
    actor = acting(actor)
    by = actor.user
    with transaction.atomic():
        grant = RoleGrantRequest.objects.select_for_update().select_related("user", "safety_house").get(pk=grant.pk)
        _check_may_decide(by=by, grant=grant)
        roles = _roles_text(grant.user, grant.safety_house)
        grant.status, grant.decided_by, grant.decided_at = GrantStatus.REJECTED, by, timezone.now()
        grant.save(update_fields=["status", "decided_by", "decided_at"])
        _record(
            actor=actor,
            action=Action.UPDATE,
            object_type="role_grant_request",
            object_id=grant.public_id,
            safety_house=grant.safety_house,
            detail=f"rejected {grant.role} for user {grant.user.public_id}; before: {roles} after: {roles}",
        )
    return grant


def delete_user(*, actor, user):
    """Delete an account from /beheer/; its roles go with it, so that is recorded as their removal.

    Side effects: deletes the user (and by cascade its roles and requests); one audit event per safety house
    where it held roles. Raises RoleChangeRefused for the actor's own account."""
    actor = acting(actor)
    by = actor.user
    if by.pk == user.pk:
        raise RoleChangeRefused(_("U kunt uw eigen account niet verwijderen."))
    with transaction.atomic():
        for house in SafetyHouse.objects.filter(role_assignments__user=user).distinct():
            _record(
                actor=actor,
                action=Action.DELETE,
                object_type="user",
                object_id=user.public_id,
                safety_house=house,
                detail=f"deleted user {user.public_id}; before: {_roles_text(user, house)} after: -",
            )
        user.delete()


ACCOUNT_FLAGS = ("is_staff", "is_superuser", "is_demo_account")


def set_account_flags(*, user, actor: Actor, **flags):
    """Set is_staff / is_superuser / is_demo_account (None leaves a flag as it is). Never from the web:
    only manage.py set_account_flags calls this, as the operator (`Actor.system(channel="cli")`).

    Side effects: saves the user; one audit event (channel `cli`) with the flags before and after, also when
    nothing changed. Returns the flags after."""
    unknown = set(flags) - set(ACCOUNT_FLAGS)
    if unknown:
        raise ValueError(f"unknown account flags: {sorted(unknown)}")

    def text():
        return ", ".join(f"{name}={getattr(user, name)}" for name in ACCOUNT_FLAGS)

    with transaction.atomic():
        before = text()
        changed = [name for name, value in flags.items() if value is not None and getattr(user, name) != value]
        for name in changed:
            setattr(user, name, flags[name])
        if changed:
            user.save(update_fields=changed)
        houses = list(SafetyHouse.objects.filter(role_assignments__user=user).distinct()) or [None]
        for house in houses:  # one event per house, so each house's log manager sees it
            events.record(
                actor=actor,
                action=Action.UPDATE,
                role="system",
                purpose=PURPOSE,
                subject=Subject("user", str(user.public_id), safety_house_code=house.code if house else ""),
                detail=f"account flags of {user.email} (manage.py set_account_flags); before: {before} after: {text()}",
            )
    return {name: getattr(user, name) for name in ACCOUNT_FLAGS}
