"""Browser tests: Playwright (sync API) driving Debian's chromium against pytest-django's live_server.

- No browser download: chromium is /usr/bin/chromium.
- Logging in goes through the real login page and the real TOTP step (allauth.mfa), never force_login
  and never demo mode.
- Every page a test visits can be checked with axe-core (`audit`), which also saves a screenshot to
  /tmp/ineen-shots/<name>.png.
"""

import os
import time
from pathlib import Path

import pytest

# pytest-django touches the database from the test thread while Playwright's sync API keeps an
# event loop around; Django's async-safety check would then refuse ORM calls in fixtures.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(os.environ.get("INEEN_SHOTS", "/tmp/ineen-shots"))  # noqa: S108
TIMEOUT_MS = 15_000


# PostgreSQL: after each transactional test Django empties every table with one TRUNCATE. The audit
# tables refuse that (append-only triggers, ineen/audit/protection.py), and TRUNCATE of ~110 tables
# costs seconds. Instead, in the same single transaction: remember the triggers' states, switch user
# triggers off (append-only, pghistory tracking), DELETE every row (FKs are deferrable), restore them.
_FAST_FLUSH = """DO $flush$ DECLARE r record; t text; BEGIN
  SET CONSTRAINTS ALL DEFERRED;
  CREATE TEMP TABLE ineen_flush_triggers ON COMMIT DROP AS
    SELECT c.relname::text AS relname, g.tgname::text AS tgname, g.tgenabled AS state
    FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    WHERE NOT g.tgisinternal AND pg_table_is_visible(c.oid) AND c.relname = ANY(ARRAY[{tables}]);
  FOREACH t IN ARRAY ARRAY[{tables}] LOOP
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', t);
    EXECUTE format('DELETE FROM %I', t);
  END LOOP;
  SET CONSTRAINTS ALL IMMEDIATE;  -- check the FKs now: ALTER TABLE refuses pending trigger events
  FOR r IN SELECT * FROM ineen_flush_triggers LOOP
    EXECUTE format('ALTER TABLE %I %s TRIGGER %I', r.relname, CASE r.state WHEN 'A' THEN 'ENABLE ALWAYS'
      WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'D' THEN 'DISABLE' ELSE 'ENABLE' END, r.tgname);
  END LOOP;
  DROP TABLE ineen_flush_triggers;
END $flush$;"""


@pytest.fixture(scope="session", autouse=True)
def _fast_flush_past_audit_triggers():
    from django.db.backends.postgresql.operations import DatabaseOperations

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables:
            return []
        names = ", ".join("'" + name.replace("'", "''") + "'" for name in tables)
        return [_FAST_FLUSH.format(tables=names)]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Factory for fresh pages, each in its own browser context (= its own cookies/session)."""
    contexts = []

    def _new_page():
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch_errors(page)
        return page

    yield _new_page
    for context in contexts:
        context.close()


def watch_errors(page):
    """Collect JavaScript errors, console errors (e.g. CSP violations) and failed sub-resources."""
    page.ineen_errors = []

    def on_console(msg):
        # The document itself may be a 400 (form errors) or 404; sub-resources are checked below.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            page.ineen_errors.append(f"console: {msg.text}")

    def on_response(response):
        if (
            response.status >= 400
            and response.request.resource_type != "document"
            and not response.url.endswith("/favicon.ico")
        ):
            page.ineen_errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.ineen_errors.append(f"javascript: {error}"))
    page.on("response", on_response)


@pytest.fixture
def page(new_page):
    return new_page()


# --- users with a real TOTP authenticator -------------------------------------------------------


@pytest.fixture
def totp(cast):
    """Give every user of the cast a TOTP authenticator; returns {user_pk: secret}."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secrets = {}
    for user in vars(cast).values():
        if getattr(user, "_meta", None) and user._meta.model_name == "user":
            Authenticator.objects.filter(user=user).delete()
            secrets[user.pk] = generate_totp_secret()
            TOTP.activate(user, secrets[user.pk])
    return secrets


def current_code(secret):
    """The TOTP code for now; waits out the last seconds of a period (tolerance is 0)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if time.time() % period > period - 3:
        time.sleep(period - time.time() % period + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


@pytest.fixture
def login(totp, audit):
    """Log in through /accounts/login/ and the MFA page. With check=True both pages are audited."""
    from django.core.cache import cache

    from tests.factories import PASSWORD

    def _login(page, user, check=False):
        # A TOTP code can be used once per period; the live server shares this process's cache.
        cache.clear()
        page.goto("/accounts/login/")
        if check:
            audit(page, "login")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        if check:
            audit(page, "mfa")
        page.fill("input[name=code]", current_code(totp[user.pk]))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(lambda url: "/accounts/" not in url)
        return page

    return _login


# --- accessibility ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _report(results):
    lines = []
    for v in results.response["violations"]:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:8]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append(f"       {node.get('failureSummary', '').replace(chr(10), ' ')[:300]}")
    return "\n".join(lines)


@pytest.fixture
def audit(axe):
    """Run axe-core on the page (0 violations allowed), save a full-page screenshot, and fail on any
    browser error (JavaScript, CSP, missing static file) seen since the previous check."""

    def _audit(page, name):
        page.wait_for_load_state("load")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        errors, page.ineen_errors[:] = list(page.ineen_errors), []
        assert not errors, f"browser errors up to {name} ({page.url}):\n" + "\n".join(errors)
        results = axe.run(page)
        assert results.violations_count == 0, (
            f"axe-core: {results.violations_count} violation(s) on {name} ({page.url}):\n{_report(results)}"
        )
        return results

    return _audit
