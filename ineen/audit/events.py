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


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _context_id(request):
    """The request's pghistory context id (see middleware.HistoryContextMiddleware), or the active
    pghistory context's outside a request."""
    context_id = getattr(request, "audit_context_id", None)
    if context_id is None:
        from pghistory import runtime

        active = getattr(runtime._tracker, "value", None)
        context_id = active.id if active is not None else None
    return context_id


def held_roles(actor) -> str:
    if actor is None:
        return ""
    return ",".join(sorted(set(actor.role_assignments.values_list("role", flat=True))))[:40]


def record(
    *,
    request=None,
    actor=None,
    action: Action,
    subject: Subject,
    purpose: str,
    role: str = "",
    outcome: Outcome = Outcome.ALLOWED,
    detail: str = "",
    channel: str = "web",
) -> AuditEvent:
    """Insert one audit event. Must run in the same transaction as the read or write it describes
    (views run with ATOMIC_REQUESTS, domain actions open their own atomic block)."""
    if actor is None and request is not None:
        actor = request.user if request.user.is_authenticated else None
    organisation = getattr(actor, "organisation", None) if actor else None
    # Every event names a role (NEN 7513): the relation that granted access in this request (set by
    # policy.get_case), else the roles the actor holds (lists, denials without a relation).
    role = role or getattr(request, "audit_role", "") or held_roles(actor)
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=(f"{actor.get_full_name()} <{actor.email}>" if actor else "anoniem"),
        organisation_label=organisation.name if organisation else "",
        role=role,
        safety_house_code=subject.safety_house_code,
        action=action,
        object_type=subject.object_type,
        object_id=str(subject.object_id),
        household_id=str(subject.household_id),
        person_ids=[str(p) for p in subject.person_ids],
        outcome=outcome,
        origin_ip=client_ip(request),
        origin_channel=channel,
        request_path=(request.path[:500] if request is not None else ""),
        purpose=purpose,
        detail=detail[:500],
        context_id=_context_id(request),
    )
