"""Audit middleware.

- AuditMiddleware: denied attempts are logged even though the request's transaction is rolled back.
  The access policy raises NotVisible (a 404). With ATOMIC_REQUESTS the view's transaction is rolled
  back, so the denial is written here, after the rollback, in its own transaction.
- HistoryContextMiddleware: pghistory's context middleware (who, organisation, origin, url for the
  trigger-captured write events), PostgreSQL only.
"""

import uuid

import pghistory
from django.core.handlers.wsgi import WSGIRequest as DjangoWSGIRequest
from django.db import connection
from pghistory import config as pghistory_config
from pghistory.middleware import HistoryMiddleware
from pghistory.middleware import WSGIRequest as TrackingWSGIRequest

from ineen.access.actor import Actor
from ineen.access.refusal import NotVisible

from . import events


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotVisible):
            events.record_refusal(exception, actor=Actor.from_request(request))
        return None  # Django turns the Http404 into the ordinary 404 page.


def _client_label(request) -> str:
    """A household member's own access (ineen/portal) writes as "Cliënt via eigen toegang (<id>)", as in
    the audit events; anyone else without a login is "anoniem"."""
    session = getattr(request, "session", None)
    pk = session.get("ineen_client_access") if session is not None else None
    if pk is None:
        return "anoniem"
    from ineen.portal.models import ClientAccess

    access = ClientAccess.objects.filter(pk=pk).first()
    return events.client_label(access) if access is not None else "anoniem"


class HistoryContextMiddleware(HistoryMiddleware):
    """pghistory.middleware.HistoryMiddleware with the NEN 7513 origin fields.

    Every write statement of the request carries this context (pghistory prefixes it with a
    transaction-local `set_config`), so each trigger-captured event row records who wrote it, for
    which organisation, from where. The context id is also put on the request as `audit_context_id`,
    and events.record() stores it in AuditEvent.context_id: the link from a write to the purpose and
    role of the request's own audit event.

    pghistory's context injection only works on PostgreSQL; elsewhere (the SQLite demo, which has no
    triggers) the request just gets a fresh correlation id.
    """

    def get_context(self, request):
        user = getattr(request, "user", None)
        user = user if user is not None and user.is_authenticated else None
        return {
            "user": user.pk if user else None,
            "actor": f"{user.get_full_name()} <{user.email}>" if user else _client_label(request),
            "organisation_id": user.organisation_id if user else None,
            "ip": request.META.get("REMOTE_ADDR") or None,
            "channel": "web",
            "method": request.method,
            "url": request.path[:500],
        }

    def __call__(self, request):
        if connection.vendor != "postgresql" or request.method not in pghistory_config.middleware_methods():
            request.audit_context_id = uuid.uuid4()
            return self.get_response(request)
        with pghistory.context(**self.get_context(request)) as context:
            request.audit_context_id = context.id
            if isinstance(request, DjangoWSGIRequest):
                # pghistory's request class updates the context when request.user changes (login).
                request.__class__ = TrackingWSGIRequest
            return self.get_response(request)
