"""The demo (./run demo): two live own accesses in casusregisseur@'s case, printed next to the demo accounts, and
nothing of the kind outside demo mode."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ineen.portal.demo import DEMO_ACCESSES
from ineen.portal.models import ClientAccess

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def test_demo_prints_working_links_and_codes(settings, capsys):
    settings.DEMO_MODE = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert ClientAccess.objects.filter(revoked_at__isnull=True).count() == 2
    for group, token, code in DEMO_ACCESSES:
        assert f"/mijn/{token}/" in out and f"{code[:4]}-{code[4:]}" in out
        http = Client()
        assert sign_in(http, token, code).status_code == 302
        home = http.get(reverse("portal:home"))
        assert home.status_code == 200
        # Both are invited to the coming conference: invitation, preparation and scores are there to try.
        for name in ("portal:plan", "portal:invitation", "portal:preparation", "portal:scores"):
            assert reverse(name) in home.content.decode(), (group, name)
            page = http.get(reverse(name))
            assert page.status_code == 200 and "geen gesprek gepland" not in page.content.decode(), (group, name)
    # The rest of issue 11 shows too: the family's words on the plan (all but one action), and the young
    # person's own version of the guide for the coming meeting (the chair reads it in the preparation).
    from ineen.conferences.models import OwnGuide
    from ineen.plans.models import PlanAction

    assert PlanAction.objects.exclude(client_wording="").count() >= 3
    assert OwnGuide.objects.filter(conference__state="planned").exists()


def test_no_demo_access_outside_demo_mode(settings, capsys):
    settings.DEMO_MODE = False
    call_command("seed_demo")
    assert not ClientAccess.objects.exists()
    assert "/mijn/" not in capsys.readouterr().out
