"""One structured log line per request (docs/operations.md, "Logs").

Logger "ineen.requests", level INFO; in production its lines are JSON on stdout (ineen/settings.py,
LOGGING, python-json-logger). What a line carries, and why nothing more:
- method, status, duration in ms;
- the route's *template* (e.g. "casussen/<uuid:public_id>/"), never the path itself nor the query string:
  ids and search terms ("?q=jansen") are personal data in this application, and logs travel further than
  the database (log shippers, support tickets);
- the user as a keyed hash (HMAC of the user's id with SECRET_KEY, 16 hex): requests of one user can be
  followed during an incident without the log naming anyone; the audit log is where names live.
"""

import hashlib
import hmac
import logging
import time

from django.conf import settings
from django.utils.functional import empty

log = logging.getLogger("ineen.requests")


def user_hash(user_id) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"user:{user_id}".encode(), hashlib.sha256).hexdigest()[:16]


def _user_id(request):
    """The logged-in user's id if the request already loaded the user; never a query of its own."""
    user = request.__dict__.get("user")
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


def route_of(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unmatched>"  # a 404 outside every route, or a static file served by WhiteNoise
    return "/" + match.route.lstrip("^").rstrip("$")


class RequestLogMiddleware:
    """Outermost (after SecurityMiddleware): its duration covers every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not log.isEnabledFor(logging.INFO):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        user_id = _user_id(request)
        log.info(
            "request",
            extra={
                "method": request.method,
                "route": route_of(request),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user": user_hash(user_id) if user_id is not None else None,
            },
        )
        return response
