"""The live revision in the shared cache, so the workspace's poll answers "nothing new" without loading the
conference (docs/architecture.md, "Live poll at scale").

The entry per conference is `(live_revision, running_since)`: everything the poll's stamp is made of
(`live.stamp`: the revision and the clock's minute, which runs from `step_started_at` while the meeting is
live). Both only change together with a revision bump (start, move_step), so the entry is exact as long as
every bump calls `changed()`:
- at once, `cache.delete`: the next poll reads the database (it cannot see the uncommitted change, so it
  refills the old, still correct value); this also keeps the poll right where on-commit callbacks never
  run (the test suite's transactions);
- on commit, `publish`: the committed revision read under the conference's row lock and `cache.set`. The
  lock orders the publishing of two writers of one meeting like their writes (a late publisher cannot put
  back an older revision), and a poll only ever *adds* a value it read (`cache.add`), so it never
  overwrites a newer one.
Only with a cache every process shares (settings.INEEN_SHARED_CACHE: Redis, or the one-process test run):
with a per-process local-memory cache a worker would never hear of another worker's write, so then nothing
is cached and every poll takes its full path.
The cache is an accelerator, never the truth: a miss or an unreachable cache falls back to the database
(the poll's full path, which loads the conference and fills the entry).
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .enums import ConferenceState
from .models import Conference

log = logging.getLogger(__name__)

TTL = 12 * 60 * 60  # seconds; an idle entry goes, a running meeting keeps refreshing it by its writes
Entry = tuple[int, datetime | None]  # (live_revision, running_since)
_FIELDS = ("public_id", "live_revision", "state", "step_started_at")


def key(public_id) -> str:
    return f"ineen:live:{public_id}"


def _entry(revision, state, step_started_at) -> Entry:
    return (revision, step_started_at if state == ConferenceState.LIVE else None)


def entry_of(conference) -> Entry:
    return _entry(conference.live_revision, conference.state, conference.step_started_at)


def _enabled() -> bool:
    return bool(getattr(settings, "INEEN_SHARED_CACHE", False))


def changed(conference) -> None:
    """Call right after bumping `conference.live_revision` (inside the writer's transaction)."""
    if not _enabled():
        return
    try:
        cache.delete(key(conference.public_id))
    except Exception:  # the cache is an accelerator: a write never fails because of it
        log.warning("live cache: delete failed for %s", conference.public_id, exc_info=True)
    pk = conference.pk
    transaction.on_commit(lambda: publish(pk), robust=True)


def publish(pk) -> None:
    """Put the committed revision in the cache (see the module docstring for why under the row lock)."""
    with transaction.atomic():
        row = Conference.objects.select_for_update().filter(pk=pk).values(*_FIELDS).first()
        if row is not None:
            cache.set(key(row["public_id"]), _entry(row["live_revision"], row["state"], row["step_started_at"]), TTL)


def remember(conference) -> None:
    """A poll that loaded the conference anyway offers its revision (add: never over a newer one)."""
    if not _enabled():
        return
    try:
        cache.add(key(conference.public_id), entry_of(conference), TTL)
    except Exception:
        log.warning("live cache: add failed for %s", conference.public_id, exc_info=True)


def cached(public_id) -> Entry | None:
    """The conference's entry from the cache, or None (a miss, or the cache unreachable). No query: on a
    miss the poll takes its full path, which loads the conference anyway and fills the entry (remember)."""
    if not _enabled():
        return None
    try:
        found = cache.get(key(public_id))
    except Exception:
        log.warning("live cache: get failed for %s", public_id, exc_info=True)
        return None
    return None if found is None else (found[0], found[1])
