"""The live workspace's poll: the access check in the same query as the user (re-exported by policy).

A participant's browser polls every 3 s; the "nothing new" answer must cost at most one query
(docs/architecture.md, "Live poll at scale"). Access is still decided on every poll (decision 7: access
follows involvement), by the same rule as `policy.get_conference` without `allow` (the workspace page's
rule, `case_relation`): the chair of the case's house, an active team member while the case is in the read
window, or running emergency access; and the account active. Instead of a separate user lookup, the
conference lookup and the relation queries, the facts are annotations on the one query that loads the
session's user (accounts.backends.loading_for_poll, set up by conferences.middleware.LivePollMiddleware):

    poll_facts(public_id)   -> the annotations (Exists subqueries over the conference's case)
    may_poll(user)          -> the decision from those annotations

A refusal here decides nothing on its own: the view then loads through `policy.get_conference`, which
raises the audited NotVisible (404) with its usual reason. So the fast path can only ever say yes where
get_conference says yes (tests/conferences/test_live_poll.py checks both agree for every role).

    poll_user(user_id, public_id) -> the session's user with the facts, in that one query

On PostgreSQL `poll_user` does not build the query anew on every poll (building and compiling four EXISTS
subqueries cost more than the rest of the answer, and planning them another 2 ms): the statement is compiled
once per process from the very same `poll_facts` with fixed sentinel values, and each poll only puts in its
own values (the user, the conference, and the times shifted from the sentinel's). It runs on a server-side
binding cursor, so psycopg prepares it after a few runs and PostgreSQL no longer plans it. The rows go
through Django's own converters and `Model.from_db`. Elsewhere (SQLite) the queryset is built per poll.
"""

import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

ANNOTATION_PREFIX = "ineen_poll_"


def poll_facts(public_id: Any, *, now: datetime | None = None, today: date | None = None) -> dict[str, Any]:
    """The annotations for the user query of a poll of conference `public_id` (see the module docstring).
    `ineen_poll_mfa` also answers accounts.middleware.mfa_required without its own query."""
    from allauth.mfa.models import Authenticator

    from ineen.accounts.enums import Role
    from ineen.accounts.models import RoleAssignment
    from ineen.cases.models import TeamMembership
    from ineen.privacy.models import BreakGlassAccess

    from . import policy

    user = OuterRef("pk")
    of_case = {"case__conferences__public_id": public_id}
    now = now or timezone.now()
    today = today or timezone.localdate()
    members = TeamMembership.objects.filter(
        policy._active_membership_q(user, prefix="", today=today), policy._read_window_q("case__", now), **of_case
    )
    emergency = BreakGlassAccess.objects.filter(
        policy._read_window_q("case__", now), user=user, started_at__lte=now, expires_at__gt=now, **of_case
    )
    chair = RoleAssignment.objects.filter(
        user=user, role=Role.CHAIR, safety_house__cases__conferences__public_id=public_id
    )
    return {
        ANNOTATION_PREFIX + "chair": Exists(chair),
        ANNOTATION_PREFIX + "member": Exists(members),
        ANNOTATION_PREFIX + "emergency": Exists(emergency),
        ANNOTATION_PREFIX + "mfa": Exists(Authenticator.objects.filter(user_id=user)),
    }


def may_poll(user: Any) -> bool:
    """May this (already loaded) user poll the conference whose facts were loaded with it? False when the
    facts are not there (the user was loaded another way): then the caller takes the full check."""
    if not (user.is_authenticated and user.is_active):
        return False
    facts = [getattr(user, ANNOTATION_PREFIX + name, None) for name in ("chair", "member", "emergency")]
    return any(fact is True for fact in facts)


def _poll_queryset(user_id: Any, public_id: Any, *, now: datetime | None = None, today: date | None = None) -> Any:
    """The one query: the user (with the organisation every audited request names) and the facts. The same
    shape as accounts.backends.AuthenticationBackend.get_user."""
    from django.contrib.auth import get_user_model

    users = get_user_model()._default_manager.select_related("organisation")
    return users.annotate(**poll_facts(public_id, now=now, today=today)).filter(pk=user_id)


# Sentinels the statement is compiled with; every parameter is one of them, a value derived from one of them
# by a fixed offset (the read window's cutoff), or a constant of the rule (a role, a state).
_USER = -7_428_191
_CONFERENCE = uuid.UUID("00000000-0000-4000-8000-00000000c0de")
_NOW = datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)
_TODAY = date(2001, 2, 3)


@dataclass(frozen=True)
class _Statement:
    sql: str
    slots: tuple[tuple[str, Any], ...]  # per parameter: ("user"|"conference"|"now"|"today"|"constant", value)
    compiler: Any  # the compiled query: its select list, converters and model layout


# Per database alias and read window: the window's length is baked into the cutoff's offset, so a changed
# INEEN_CLOSED_CASE_READ_DAYS (a test's override) gets a statement of its own.
_statements: dict[tuple[str, int], _Statement] = {}
_lock = threading.Lock()


def _slot(value: Any) -> tuple[str, Any]:
    if value == _USER:
        return ("user", None)
    if value == _CONFERENCE:
        return ("conference", None)
    if isinstance(value, datetime):
        return ("now", value - _NOW)
    if isinstance(value, date):
        return ("today", value - _TODAY)
    if isinstance(value, str | int | bool | uuid.UUID):
        return ("constant", value)
    raise TypeError(f"poll statement: unexpected parameter {value!r}")  # a new kind of value: decide it here


def _compile(using: str) -> _Statement:
    queryset = _poll_queryset(_USER, _CONFERENCE, now=_NOW, today=_TODAY)
    compiler = queryset.query.get_compiler(using=using)
    sql, params = compiler.as_sql()
    return _Statement(sql=sql, slots=tuple(_slot(p) for p in params), compiler=compiler)


def _params(statement: _Statement, user_id: Any, public_id: Any, now: datetime, today: date) -> list[Any]:
    values = {"user": user_id, "conference": uuid.UUID(str(public_id))}
    params = []
    for kind, value in statement.slots:
        if kind == "now":
            params.append(now + value)  # value is a timedelta from the sentinel: the same offset from now
        elif kind == "today":
            params.append(today + value)
        elif kind == "constant":
            params.append(value)
        else:
            params.append(values[kind])
    return params


def poll_user(user_id: Any, public_id: Any) -> Any:
    """The session's user with the poll facts as attributes, or None; one query (module docstring)."""
    from django.db import connections

    from ineen.accounts.models import User

    using = User._default_manager.db
    connection = connections[using]
    if connection.vendor != "postgresql":
        return _poll_queryset(user_id, public_id).first()
    from django.conf import settings

    key = (using, settings.INEEN_CLOSED_CASE_READ_DAYS)
    statement = _statements.get(key)
    if statement is None:
        with _lock:
            statement = _statements.setdefault(key, _compile(using))
    params = _params(statement, user_id, public_id, timezone.now(), timezone.localdate())
    from django.db.backends.postgresql import base as postgresql

    server_binding: Any = postgresql.ServerBindingCursor  # psycopg's Cursor: it prepares after a few runs
    connection.ensure_connection()
    raw = server_binding(connection.connection)
    wrapped = connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
    with wrapped as cursor:
        cursor.execute(statement.sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    return _build(statement.compiler, row, using)


def _build(compiler: Any, row: Any, using: str) -> Any:
    """The user (and its organisation) from the row, as Django's ModelIterable builds them with
    select_related: the compiled query says which columns belong to which model and to which annotation."""
    (converted,) = list(compiler.results_iter(results=[[row]]))
    info = compiler.klass_info
    user = info["model"].from_db(using, _attnames(compiler, info), _columns(converted, info))
    for related in info["related_klass_infos"]:
        values = _columns(converted, related)
        target = None
        if any(value is not None for value in values):
            target = related["model"].from_db(using, _attnames(compiler, related), values)
        related["field"].set_cached_value(user, target)
    for name, position in compiler.annotation_col_map.items():
        setattr(user, name, converted[position])
    return user


def _attnames(compiler: Any, info: dict[str, Any]) -> list[str]:
    return [compiler.select[i][0].target.attname for i in info["select_fields"]]


def _columns(row: Any, info: dict[str, Any]) -> list[Any]:
    return [row[i] for i in info["select_fields"]]
