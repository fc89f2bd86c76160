"""The reminder job on its real machinery (issue 10, acceptance 6). Each reminder is sent once, also when
two workers run the reminder job at the same moment. Real threads, each with its own connection, on
PostgreSQL: the unique constraint on SentReminder makes the second insert wait for the first transaction
and then fail."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from ineen.reminders.models import SentReminder
from ineen.reminders.sending import send_due

from ..conferences.test_workspace_concurrency import _flush_past_audit_triggers  # noqa: F401 -- a fixture
from .conftest import in_days, make_action, make_conference

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a server database (DATABASE_URL=postgres://...)"
)


def reminders(outbox):
    """The reminder mails only (transactional tests also get the mails of the cast's setup)."""
    return [m for m in outbox if m.subject.startswith("Herinnering")]


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
    keys = [(m.to[0], m.subject, m.body) for m in reminders(mailoutbox)]
    assert len(keys) == len(set(keys)) == SentReminder.objects.count()
    assert sum(r.sent for r in results) == len(keys) > 10
    # Whatever the interleaving, every reminder was either sent or found sent by the other worker.
    assert [r.sent + r.already_sent for r in results] == [len(keys), len(keys)]
    assert send_due().sent == 0


@pytest.mark.django_db(transaction=True)
def test_job_runs_through_the_database_backend_and_db_worker(cast, mailoutbox, settings):
    """As in production: enqueue puts the job in the database; `manage.py db_worker` runs it. (Transactional:
    the worker closes its connections between jobs.)"""
    from django_tasks_db.models import DBTaskResult

    from ineen.reminders.tasks import send_reminders

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    make_action(cast.case, cast.member, days=1)
    result = send_reminders.enqueue()
    assert reminders(mailoutbox) == []  # waiting for the worker
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert len(reminders(mailoutbox)) == 1
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "SUCCESSFUL"
    assert row.return_value == {"sent": 1, "already_sent": 0, "not_allowed": 0}
