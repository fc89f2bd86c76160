"""The health endpoint for load balancers and orchestrators (docs/operations.md, "Health endpoint").

No login, no case data, no audit event (nobody's data is read): it answers whether this node can serve,
i.e. reach the database and the shared cache. 200 when both answer, 503 otherwise, so a balancer takes the
node out of rotation. The replica is reported but does not decide: every node shares it, so taking one node
out would not help, and only reports read from it.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connections, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ineen.access import policy

from .replica import REPLICA, replica_configured

log = logging.getLogger(__name__)

RULE = "open: no login, no case data (health of this node: database and cache reachable)"


def _database(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "cannot serve"; the reason goes to the log, not to the caller
        log.warning("health: database %s unreachable", alias, exc_info=True)
        return False


def _cache() -> bool:
    key, token = "ineen:health", uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=10)
        return cache.get(key) == token
    except Exception:  # e.g. Redis down: sessions' rate limits and the poll's revision depend on it
        log.warning("health: cache unreachable", exc_info=True)
        return False


@require_GET
@never_cache
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would fail before the view when the database is down: a 500
@policy.access_rule(RULE)
def health(request):
    checks = {"database": _database("default"), "cache": _cache()}
    body = {name: "ok" if good else "unavailable" for name, good in checks.items()}
    if replica_configured():
        body["replica"] = "ok" if _database(REPLICA) else "unavailable"
    healthy = all(checks.values())
    body["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(body, status=200 if healthy else 503)
