"""`./run demo`: DEBUG off (Ineen's own Dutch error pages), static files still served, e-mail links and the printed
address follow INEEN_ADDR, and the README says how to change it."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.views import defaults

ROOT = Path(__file__).resolve().parents[2]

FAKE_PYTHON = """#!/usr/bin/env bash
# Stands in for .venv/bin/python: records what ./run asks for, with the environment that matters.
{ echo "ARGS $*"; echo "DEBUG=${DJANGO_DEBUG-}"; echo "DEMO=${INEEN_DEMO-}"; echo "BASE=${INEEN_BASE_URL-}";
  echo "ADDR=${INEEN_ADDR-}"; } >> "$(dirname "$0")/../../calls.log"
"""


def run_demo(tmp_path, **env_extra):
    """Run a copy of the real `run` script with a fake virtualenv; return what it passed to Python."""
    shutil.copy(ROOT / "run", tmp_path / "run")
    (tmp_path / "pyproject.toml").write_text("")
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    python = venv_bin / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    stamp = tmp_path / ".venv" / ".installed-runtime"
    stamp.write_text("")
    os.utime(stamp, (os.path.getmtime(tmp_path / "pyproject.toml") + 10,) * 2)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INEEN_", "DATABASE_URL"))}
    env.update(env_extra)
    result = subprocess.run(
        ["bash", str(tmp_path / "run"), "demo"],  # noqa: S607 (bash from PATH)
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return (tmp_path / "calls.log").read_text()


def test_run_demo_has_debug_off_and_serves_at_its_address(tmp_path):
    calls = run_demo(tmp_path)
    assert "DEBUG=\n" in calls  # not DJANGO_DEBUG=1: a wrong page shows Ineen's 404, not Django's URL list
    assert "DEMO=1" in calls
    assert "BASE=http://127.0.0.1:8000" in calls
    assert "ARGS manage.py runserver 127.0.0.1:8000" in calls


def test_run_demo_links_follow_ineen_addr(tmp_path):
    calls = run_demo(tmp_path, INEEN_ADDR="127.0.0.1:8123")
    assert "BASE=http://127.0.0.1:8123" in calls
    assert "ARGS manage.py runserver 127.0.0.1:8123" in calls
    assert "8000" not in calls


def test_run_demo_keeps_an_explicit_base_url(tmp_path):
    calls = run_demo(tmp_path, INEEN_ADDR="0.0.0.0:8123", INEEN_BASE_URL="https://demo.ineen.example")
    assert "BASE=https://demo.ineen.example" in calls


def test_readme_says_how_to_change_the_address():
    readme = (ROOT / "README.md").read_text()
    assert "INEEN_ADDR=127.0.0.1:8123 ./run demo" in readme
    assert "./run demo\n" in readme and "./run test\n" in readme


@override_settings(INEEN_BASE_URL="http://127.0.0.1:8123")
def test_seed_demo_prints_the_address_it_serves(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "log in at http://127.0.0.1:8123/accounts/login/" in out
    assert "8000" not in out


def test_static_files_are_served_with_debug_off(client, settings):
    assert not settings.DEBUG
    response = client.get("/static/ineen/ineen.css")
    assert response.status_code == 200
    response = client.get("/static/ineen/favicon.svg")
    assert response.status_code == 200


def test_unknown_page_shows_ineens_own_dutch_404(client, settings):
    assert not settings.DEBUG
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Niet gevonden" in html
    assert "URLconf" not in html and "Using the URLconf" not in html


def test_500_page_is_dutch_and_standalone():
    request = RequestFactory().get("/")
    response = defaults.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert '<html lang="nl">' in html


def test_403_page_is_dutch(client, django_user_model):
    from django.utils import translation

    # Called without the middleware: no language chosen in this thread (an earlier test's request may have
    # left English active), so the site's default applies.
    translation.deactivate()
    request = RequestFactory().get("/")
    request.user = django_user_model()
    from django.core.exceptions import PermissionDenied

    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert "Geen toegang" in html
    assert "403 Forbidden" not in html


def test_demo_has_a_finished_meeting_with_its_report_and_a_running_one_offering_ideas(db, client_for, settings):
    """The demo shows everything: a finished MDA++ meeting whose report (and client version) has real
    content, actions made of brainstorm ideas among it, and the follow-up running now where the chair is
    offered "Maak hier een actie van" for prioritised ideas without an action."""
    from django.urls import reverse
    from django.utils import timezone

    from ineen.accounts.models import User
    from ineen.conferences.enums import ConferenceState
    from ineen.conferences.models import Conference, Contribution

    settings.INEEN_DEMO = True
    call_command("seed_demo", "--quiet-accounts")
    # (the repeated-measurement demo adds held meetings without a shared top 3: not this one)
    finished = (
        Conference.objects.filter(state=ConferenceState.ENDED, phase_decision__isnull=False, shared_top__isnull=False)
        .distinct()
        .get()
    )
    assert finished.starts_at <= finished.started_at < finished.ended_at < timezone.now()
    assert finished.scores.count() >= 3 and finished.shared_top.count() == 3
    assert finished.actions.count() >= 3 and finished.bottom_lines.exists()
    from_ideas = Contribution.objects.filter(conference=finished, plan_action__isnull=False)
    assert from_ideas.count() == 3
    client = client_for(User.objects.get(email="procesregisseur@ineen.example"))
    report = client.get(reverse("conferences:report", args=[finished.public_id])).content.decode()
    assert "Door naar de volgende fase" in report
    for idea in from_ideas:
        assert idea.plan_action.what in report
    person = finished.invitations.filter(person__isnull=False).first().person
    for_client = client.get(reverse("conferences:client_report", args=[finished.public_id, person.public_id]))
    assert for_client.status_code == 200
    running = Conference.objects.get(case=finished.case, state=ConferenceState.LIVE)
    waiting = Contribution.objects.filter(conference=running, is_priority=True, plan_action__isnull=True)
    assert waiting.count() == 2
    plan = client.get(reverse("conferences:workspace", args=[running.public_id]) + "?weergave=plan").content.decode()
    assert plan.count("Maak hier een actie van") == 2
