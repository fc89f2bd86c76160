"""Two writers on the same plan action at once, with real threads and connections on PostgreSQL: many
conflicting edits through the domain action (update_action: status and outcome, conditional on the
version seen), and not one lost update: every write that succeeded bumped the version once, so the final
version is the number of successful writes + 1, and every loser was told (Conflict) with the row as it
then stood. Skipped on SQLite (no concurrent writers)."""

import threading

import pytest
from django.db import connection

from ineen.plans import actions
from ineen.plans.models import PlanAction

from ..conferences.test_workspace_concurrency import _flush_past_audit_triggers, _in_thread, _run  # noqa: F401
from .conftest import make_action

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a server database (DATABASE_URL=postgres://...)"
)


def _load(pk):
    return PlanAction.objects.select_related("case__household", "case__safety_house").get(pk=pk)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_writers_many_conflicting_edits_lose_nothing(cast):
    action = make_action(cast.case, cast.member)
    rounds, wins, conflicts, lock = 30, [], [], threading.Lock()

    def writer(user):
        for i in range(rounds):
            current = _load(action.pk)  # what the user's form showed
            text = f"{user.first_name} {i}"
            try:
                actions.update_action(
                    action=current, actor=user, seen_version=current.version, status="open", outcome=text
                )
                with lock:
                    wins.append((current.version + 1, text))
            except actions.Conflict as conflict:
                with lock:
                    conflicts.append(conflict.current.version)

    _run([threading.Thread(target=_in_thread(writer), args=(user,)) for user in (cast.member, cast.director)])
    final = PlanAction.objects.get(pk=action.pk)
    assert len(wins) + len(conflicts) == 2 * rounds
    assert final.version == len(wins) + 1  # every successful write is a version: none overwritten silently
    versions = sorted(v for v, _text in wins)
    assert versions == list(range(2, len(wins) + 2))  # each version won by exactly one writer
    assert dict(wins)[final.version] == final.outcome  # the last win is the text that stands
    assert all(v > 1 for v in conflicts)  # every loser saw a newer version than the one it had
