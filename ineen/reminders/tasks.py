"""The reminder job for Django's tasks framework (TASKS in settings: the database backend of
django-tasks-db, run by `manage.py db_worker`; the immediate backend in tests). Enqueued by
`manage.py send_reminders --enqueue` (cron / systemd timer, or the demo's loop in ./run)."""

from django.tasks import task


@task()
def send_reminders() -> dict:
    from .sending import send_due

    return send_due().as_dict()
