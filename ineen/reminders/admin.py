"""django-tasks-db registers its job table in the admin; Ineen's /beheer/ is for the functional admin's
accounts and roles only, and the job rows are the operator's (docs/operations.md, "Reminders"): no
routes for them (tests/security/test_routes_meta.py)."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
