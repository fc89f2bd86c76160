import time
import pytest
from django.db import connection
from django.db.models.signals import post_migrate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_time_post_migrate(cast):
    from django.apps import apps
    print('\nRECEIVERS', post_migrate._live_receivers(None))
    t = time.time()
    from django.core.management import call_command
    for app in apps.get_app_configs():
        t0 = time.time()
        post_migrate.send(sender=app, app_config=app, verbosity=0, interactive=False, using="default", apps=apps, plan=None)
        dt = time.time() - t0
        if dt > 0.05:
            print("SLOW", app.label, round(dt, 2))
    print("TOTAL", time.time() - t)
