"""Writing audit events. Called by the access policy and the domain actions, inside their transaction."""

from dataclasses import dataclass, field

from .models import Action, AuditEvent, Outcome


@dataclass(frozen=True)
class Subject:
    """What was touched and whose data it is."""

    object_type: str
    object_id: str = ""
    household_id: str = ""
    person_ids: list[str] = field(default_factory=list)
    safety_house_code: str = ""


def _active_context_id():
    """Outside a request (a command or job inside `pghistory.context`), the active context's id."""
    from pghistory import runtime

    active = getattr(runtime._tracker, "value", None)
    return active.id if active is not None else None


def held_roles(user) -> str:
    if user is None:
        return ""
    # The access policy keeps the user's roles per house on the user for the request (policy._roles):
    # when it has them, no second query for the same rows (issue 12, page cost).
    cached = getattr(user, "_ineen_roles", None)
    held = {role for roles in cached.values() for role in roles} if cached is not None else None
    if held is None:
        held = set(user.role_assignments.values_list("role", flat=True))
    return ",".join(sorted(held))[:40]


def client_label(client_access) -> str:
    return f"Cliënt via eigen toegang ({client_access.short_id})"


def _label(user, client) -> str:
    if user is not None:
        return f"{user.get_full_name()} <{user.email}>"
    return client_label(client) if client is not None else "anoniem"


def record(
    *,
    actor,
    action: Action,
    subject: Subject,
    purpose: str,
    role: str = "",
    outcome: Outcome = Outcome.ALLOWED,
    detail: str = "",
) -> AuditEvent:
    """Insert one audit event. Must run in the same transaction as the read or write it describes
    (views run with ATOMIC_REQUESTS, domain actions open their own atomic block).

    `actor`: an `ineen.access.actor.Actor` (a bare user is taken as that user without request context).
    Every event names a role (NEN 7513): the given one, else the role the actor acts in (the relation the
    access policy found), else the roles the user holds."""
    from ineen.access.actor import acting

    actor = acting(actor) if actor is not None else None
    user = actor.user if actor is not None else None
    organisation = actor.organisation if actor is not None else None
    role = role or (actor.role if actor is not None else "") or held_roles(user)
    client = getattr(actor, "client_access", None) if actor is not None else None
    person_ids = [str(p) for p in subject.person_ids]
    if client is not None and str(client.person.public_id) not in person_ids:
        person_ids.append(str(client.person.public_id))  # a client's event always names whose access it is
    return AuditEvent.objects.create(
        actor=user,
        actor_label=_label(user, client),
        organisation_label=organisation.name if organisation else "",
        role=role,
        safety_house_code=subject.safety_house_code,
        action=action,
        object_type=subject.object_type,
        object_id=str(subject.object_id),
        household_id=str(subject.household_id),
        person_ids=person_ids,
        outcome=outcome,
        origin_ip=actor.origin_ip if actor is not None else None,
        origin_channel=actor.channel if actor is not None else "job",
        request_path=actor.path if actor is not None else "",
        purpose=purpose,
        detail=detail[:500],
        context_id=(actor.context_id if actor is not None and actor.context_id else None) or _active_context_id(),
    )


def record_refusal(refusal, *, actor) -> AuditEvent:
    """The audit event of a refusal (`ineen.access.refusal.NotVisible`), written in its own transaction
    because the refused request's own transaction is rolled back."""
    from django.db import transaction

    with transaction.atomic():
        return record(
            actor=actor,
            action=refusal.action,
            subject=refusal.subject,
            purpose=refusal.purpose,
            role=refusal.role,
            outcome=Outcome.DENIED,
            detail=refusal.reason,
        )
