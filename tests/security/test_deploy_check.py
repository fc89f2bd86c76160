"""Production settings pass Django's deployment checks, and unsafe combinations refuse to start."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "INEEN_", "EMAIL_", "DATABASE_URL"))
    }
    env.update(
        {
            "INEEN_ENV": "production",
            "DJANGO_SECRET_KEY": "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50)),
            "DJANGO_ALLOWED_HOSTS": "ineen.example",
            # four slashes: an absolute path (sqlite:///tmp/x.sqlite3 would be relative to the working directory)
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
        }
    )
    env.update(extra)
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=ROOT,  # noqa: S603 (own manage.py)
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_has_no_findings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr and "ERRORS" not in result.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"INEEN_DEMO": "1"}, "INEEN_DEMO cannot be on with INEEN_ENV=production"),
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG cannot be on with INEEN_ENV=production"),
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY is required"),
        ({"INEEN_ENV": "prod"}, "INEEN_ENV must be"),
    ],
)
def test_unsafe_production_settings_refuse_to_start(tmp_path, extra, message):
    result = manage(production_env(tmp_path, **extra), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_development_defaults_still_work_over_http(tmp_path):
    """Development keeps plain HTTP on localhost: no HTTPS redirect or secure-only cookies."""
    env = production_env(tmp_path, INEEN_ENV="development")
    env.pop("DJANGO_SECRET_KEY")
    env.pop("DJANGO_ALLOWED_HOSTS")
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.DEBUG, 'localhost' in s.ALLOWED_HOSTS,"
        " s.MAILERS['default']['BACKEND'].split('.')[-2])"
    )
    env["DJANGO_SETTINGS_MODULE"] = "ineen.settings"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,  # noqa: S603 (our own interpreter)
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False", "True", "console"]
    assert manage(env, "check").returncode == 0
