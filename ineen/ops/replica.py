"""Reports and research exports may read from a PostgreSQL replica (docs/architecture.md, "Scaling out").

`DATABASE_REPLICA_URL` adds the database alias "replica" (ineen/settings.py). Nothing reads from it unless
asked: code that builds an aggregate report runs its queries inside `reading_replica()` (or a function
decorated with `@from_replica`), and only then does `ReplicaRouter.db_for_read` send reads there. Writes,
and so every audit event, always go to "default", inside the request's transaction (ATOMIC_REQUESTS).

Why opt-in, not "every read to the replica":
- The access decision must see the primary. A team membership ended a second ago must stop the next read;
  a lagging replica would still show it. So views decide access first (policy.*, on "default"), then build
  the aggregate from the replica.
- The request's own writes are in its open transaction on the primary; the replica never sees them (nor
  anything committed in the last lag interval). Reports and research exports are aggregates over closed
  periods, where seconds of lag change nothing; pages that show what someone just saved must not use it.
- The replica's reads run outside the request's atomic block (another connection): they do not hold the
  request's snapshot, and a read error there does not roll back the request's audit event.

Without DATABASE_REPLICA_URL, `reading_replica()` does nothing and every read stays on "default".
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_reading = ContextVar("ineen_reading_replica", default=False)


def replica_configured() -> bool:
    return settings.INEEN_REPLICA_READS and REPLICA in settings.DATABASES


@contextmanager
def reading_replica():
    """Reads inside this block go to the replica when one is configured (see the module docstring)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def from_replica(function):
    """Run `function` inside reading_replica(). For functions that return evaluated results (lists, text),
    not lazy querysets: a queryset evaluated after the function returned would read from "default"."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        with reading_replica():
            return function(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """DATABASE_ROUTERS entry. Returns None (Django's default: "default") unless inside reading_replica()."""

    def db_for_read(self, model, **hints):
        if _reading.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"  # never the replica, also for an instance that was read from it

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both aliases

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by streaming replication
