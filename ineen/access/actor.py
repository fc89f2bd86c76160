"""Who is acting: the actor every domain action and every audit event takes.

An actor is the user (or nobody, for a system job), their organisation, the role they act in (the
relation that granted access: chair, case director, professional, break_glass…, or the roles they hold),
and where the act comes from: the channel (web, api, cli, job), the client address, the path and the
correlation id of the write history (pghistory context). Views and API endpoints get theirs from the
access object (`access.actor`); management commands and jobs build one with `Actor.system(...)`.
A household member using their own access (ineen/portal) acts without a user: `client_access` names the
access (role "client", channel "client"; portal.actions.client_actor).
Domain actions never see the HTTP request.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any | None
    role: str = ""
    channel: str = "web"
    origin_ip: str | None = None
    path: str = ""
    context_id: uuid.UUID | None = None
    client_access: Any | None = None

    @property
    def organisation(self) -> Any:
        return getattr(self.user, "organisation", None) if self.user is not None else None

    @property
    def organisation_id(self) -> int | None:
        return getattr(self.user, "organisation_id", None) if self.user is not None else None

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @classmethod
    def from_request(cls, request: Any, *, role: str = "", channel: str | None = None) -> Actor:
        """The actor of an HTTP request: its user (None when anonymous), client address, path and the
        write-history correlation id set by the history middleware. The API's requests say channel api."""
        user = getattr(request, "user", None)
        if user is not None and not user.is_authenticated:
            user = None
        if channel is None:
            channel = "api" if request.path.startswith("/api/") else "web"
        return cls(
            user=user,
            role=role,
            channel=channel,
            origin_ip=request.META.get("REMOTE_ADDR") or None,
            path=request.path[:500],
            context_id=getattr(request, "audit_context_id", None),
        )

    @classmethod
    def system(cls, user: Any = None, *, channel: str = "job", role: str = "") -> Actor:
        """A management command (channel cli) or a background job (channel job), optionally on behalf
        of a user."""
        return cls(user=user, role=role, channel=channel)

    def acting_as(self, role: str) -> Actor:
        """The same actor in another role (e.g. the relation a loader found)."""
        return replace(self, role=role)


def acting(who: Any) -> Actor:
    """The actor for a domain action. An Actor is taken as it is; a bare user stands for that user acting
    without any request context (tests, the Django shell, the demo seeder): channel "internal"."""
    if isinstance(who, Actor):
        return who
    if who is None:
        raise TypeError("a domain action needs an actor")
    return Actor(user=who, channel="internal")
