"""Each reminder is sent once, also when two workers run the reminder job at the same moment
(issue 10, acceptance 6). Real threads, each with its own connection, on PostgreSQL: the unique
constraint on SentReminder makes the second insert wait for the first transaction and then fail."""

import threading

import pytest
from django.db import connection, connections

from ineen.reminders.models import SentReminder
from ineen.reminders.sending import send_due

from ..conferences.test_workspace_concurrency import _flush_past_audit_triggers  # noqa: F401 -- a fixture
from .conftest import in_days, make_action, make_conference

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a server database (DATABASE_URL=postgres://...)"
)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_exactly_once(cast, mailoutbox):
    for days in (-3, -1, 0, 1, 2):
        make_action(cast.case, cast.member, days=days)
        make_action(cast.case, cast.director, days=days)
    make_conference(cast.case, cast.chair, [cast.director, cast.member, cast.expert], starts_at=in_days(2))
    barrier, results, errors = threading.Barrier(2), [], []

    def worker():
        try:
            barrier.wait()
            results.append(send_due())
        except Exception as error:  # noqa: BLE001 -- reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(results) == 2
    keys = [(m.to[0], m.subject, m.body) for m in mailoutbox]
    assert len(keys) == len(set(keys)) == SentReminder.objects.count()
    assert sum(r.sent for r in results) == len(keys) > 10
    # Whatever the interleaving, every reminder was either sent or found sent by the other worker.
    assert [r.sent + r.already_sent for r in results] == [len(keys), len(keys)]
    assert send_due().sent == 0
