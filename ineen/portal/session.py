"""The client session: only the ClientAccess pk (and two timestamps) in the server-side session, under keys of
its own. Every portal request re-checks the access (not expired, not revoked, case not closed) and the idle
and absolute limits; otherwise the session is emptied and the client sent to the "open your link again" page.

A browser session is either a professional's or a client's, never both: a logged-in professional reaching a
portal page gets the audited 404, and a professional's login drops any client access (apps.py)."""

import functools
import time

from django.conf import settings
from django.shortcuts import redirect
from django.utils import timezone

from ineen.access.refusal import NotVisible
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.enums import CaseState

from .actions import client_actor
from .models import ClientAccess

ACCESS_KEY = "ineen_client_access"
STARTED_KEY = "ineen_client_started"
SEEN_KEY = "ineen_client_seen"
# The last-activity stamp is rewritten only when it moved by more than this: the idle limit then ends a
# client session between IDLE - 60 s and IDLE after the last page, never later; the absolute limit is exact.
SEEN_GRANULARITY = 60


def start(request, access):
    """After a correct code: a new session id (no fixation), then only the access's pk."""
    request.session.flush()  # nothing of an earlier visitor of this browser stays
    request.session.cycle_key()
    now = int(time.time())
    request.session[ACCESS_KEY] = access.pk
    request.session[STARTED_KEY] = now
    request.session[SEEN_KEY] = now


def end(request):
    request.session.flush()


def drop_client_session(sender=None, request=None, **kwargs):
    if request is not None and hasattr(request, "session"):
        for key in (ACCESS_KEY, STARTED_KEY, SEEN_KEY):
            request.session.pop(key, None)


def professional_refusal(request) -> NotVisible:
    return NotVisible(
        action=Action.VIEW,
        subject=Subject("client_portal", request.path[:60]),
        purpose="eigen toegang cliënt",
        reason="a professional session cannot use a client's access",
    )


def current_access(request):
    """The live access of this session, or None (and the client keys dropped)."""
    pk = request.session.get(ACCESS_KEY)
    if pk is None:
        return None
    now = int(time.time())
    started, seen = request.session.get(STARTED_KEY, 0), request.session.get(SEEN_KEY, 0)
    access = (
        ClientAccess.objects.select_related("case__household", "case__safety_house", "person").filter(pk=pk).first()
    )
    if (
        access is None
        or now - seen > settings.INEEN_CLIENT_SESSION_IDLE_SECONDS
        or now - started > settings.INEEN_CLIENT_SESSION_ABSOLUTE_SECONDS
        or not access.is_live(timezone.now())
        or access.case.state == CaseState.CLOSED
    ):
        end(request)
        return None
    if now - seen > SEEN_GRANULARITY:  # not an UPDATE of the session on every page (as accounts.middleware)
        request.session[SEEN_KEY] = now
    return access


def client_view(view):
    """Portal pages: refuse a professional's session (404), else need a live client access. The view gets
    `request.client_access` and `request.client_actor`; nothing it shows comes from the URL."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated:
            drop_client_session(request=request)
            raise professional_refusal(request)
        access = current_access(request)
        if access is None:
            return redirect("portal:signed_out")
        request.client_access = access
        request.client_actor = client_actor(
            access,
            origin_ip=request.META.get("REMOTE_ADDR") or None,
            path=request.path,
            context_id=getattr(request, "audit_context_id", None),
        )
        response = view(request, *args, **kwargs)
        no_store(response)
        return response

    return wrapped


def no_store(response):
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    # same-origin: the link's token never goes to another site. Not "no-referrer": with it, Chromium sends
    # `Origin: null` with the code form, which Django's CSRF check refuses (403), so nobody could sign in.
    response["Referrer-Policy"] = "same-origin"
    return response
