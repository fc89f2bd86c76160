"""Reflow (WCAG 1.4.10): at 320 and 390 CSS px wide no page of the demo journeys scrolls sideways.
Wide tables scroll inside their own region (static/ineen/reflow.css + ineen.js), with a visible cue.
And axe-core finds nothing at 200% zoom. Screenshots go to /tmp/ineen-shots/reflow-*.png."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ineen.accounts.enums import Role
from ineen.conferences import live
from ineen.conferences.live_state import VIEWS
from ineen.conferences.models import Conference
from tests.conferences.conftest import make_conference
from tests.conferences.reporting import held_conference
from tests.factories import make_user

from .conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The widest element that sticks out past the viewport, for a readable failure.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5 && box.width > 0) wide.push([Math.round(box.right), el]);
  }
  // Report the innermost offenders (an element whose child also sticks out is not the cause).
  const causes = wide.filter(([, el]) => !wide.some(([, other]) => other !== el && el.contains(other)));
  return {
    scroll: document.documentElement.scrollWidth,
    width: width,
    causes: causes.slice(0, 6).map(([right, el]) =>
      `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")} right=${right}`),
  };
}"""


def _journeys(cast):
    """{role: [(name, url)]}: every page a chair, case director and professional visit in the demo."""
    case = cast.case
    held = held_conference(cast)
    anna = case.household.members.get(first_name="Anna")
    planned = make_conference(case, cast.chair, [cast.director, cast.member])
    running = make_conference(case, cast.chair, [cast.director, cast.member])
    live.start(conference=Conference.objects.get(pk=running.pk), actor=cast.chair)
    case_id = case.public_id

    def case_url(name, *extra):
        return reverse(name, args=[case_id, *extra])

    chair = [
        ("dashboard-chair", reverse("web:dashboard")),
        ("case-list", reverse("web:case_list")),
        ("referral-form", reverse("web:referral_new")),
        ("case", case_url("web:case_detail")),
        ("household", case_url("web:case_household")),
        ("services", case_url("web:case_services")),
        ("attachments", case_url("web:case_attachments")),
        ("team-add", case_url("web:team_add")),
        ("triage", case_url("web:triage")),
        ("plan", case_url("plans:plan")),
        ("schedule-form", case_url("conferences:schedule")),
        ("conference-planned", reverse("conferences:detail", args=[planned.public_id])),
        ("conference-held", reverse("conferences:detail", args=[held.conference.public_id])),
        ("prepare-overview", reverse("conferences:prepare_overview", args=[planned.public_id])),
        *[
            (f"workspace-{view}", reverse("conferences:workspace", args=[running.public_id]) + f"?weergave={view}")
            for view in VIEWS
        ],
        ("projector", reverse("conferences:workspace_projector", args=[running.public_id])),
        ("report", reverse("conferences:report", args=[held.conference.public_id])),
        ("client-report", reverse("conferences:client_report", args=[held.conference.public_id, anna.public_id])),
        ("privacy", case_url("privacy:overview")),
        ("transparency", case_url("privacy:transparency", anna.public_id)),
        ("not-found", "/bestaat-niet/"),
    ]
    director = [
        ("dashboard-director", reverse("web:dashboard")),
        ("case-director", case_url("web:case_detail")),
        ("plan-director", case_url("plans:plan")),
    ]
    member = [
        ("dashboard-member", reverse("web:dashboard")),
        ("prepare", reverse("conferences:prepare", args=[planned.public_id])),
        ("case-member", case_url("web:case_detail")),
        ("workspace-member", reverse("conferences:workspace", args=[running.public_id])),
    ]
    log_manager = make_user(cast.house, Role.LOG_MANAGER, email="logs@test.example")
    return [
        (cast.chair, chair),
        (cast.director, director),
        (cast.member, member),
        (log_manager, [("audit-log", reverse("audit:event_list"))]),
    ]


def _logged_in(new_page, login, totp, user):
    page = new_page()
    if user.pk not in totp:  # a user made after the cast (the log manager)
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        totp[user.pk] = generate_totp_secret()
        TOTP.activate(user, totp[user.pk])
    login(page, user)
    return page


WIDTHS = (320, 390)
SHOT_PAGES = {"case", "household", "report", "workspace-beeldvorming", "audit-log", "case-list", "plan"}


def test_no_page_scrolls_sideways(new_page, cast, login, totp):
    """Each page is loaded once per role and checked at both widths (the second by resizing, which is
    also what a phone turned sideways or a zooming user does); one login per role keeps this quick."""
    problems = []
    for user, pages in _journeys(cast):
        page = _logged_in(new_page, login, totp, user)
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        for name, url in pages:
            response = page.goto(url)
            assert response.status < 500, f"{name}: {url} gave {response.status}"
            page.wait_for_load_state("load")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                found = page.evaluate(OVERFLOW)
                if found["scroll"] > found["width"]:
                    problems.append(f"{width} px, {name} ({url}): {found['scroll']} wide: {found['causes']}")
            if name in SHOT_PAGES:
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SHOTS / f"reflow-{WIDTHS[-1]}-{name}.png"), full_page=True)
            page.set_viewport_size({"width": WIDTHS[0], "height": 800})
            errors, page.ineen_errors[:] = list(page.ineen_errors), []
            assert not errors, f"browser errors on {name}: {errors}"
    assert not problems, "pages that scroll sideways:\n" + "\n".join(problems)


def test_wide_table_scrolls_in_its_own_named_region(new_page, cast, login, totp):
    """A table wider than the screen becomes a keyboard-reachable region named after its caption, with
    a visible hint; at desktop width the same table is left alone (no extra tab stop)."""
    page = _logged_in(new_page, login, totp, cast.chair)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(reverse("web:case_list"))
    region = page.locator("main [role=region]:has(> table)").first
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    expect(region).to_have_attribute("aria-label", re.compile(r"^Tabel: \S"))
    expect(page.locator(".ineen-table-hint:visible").first).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("main [role=region]:has(> table)")).to_have_count(0)
    expect(page.locator(".ineen-table-hint:visible")).to_have_count(0)


def test_axe_at_200_percent_zoom(browser, live_server, cast, login, totp, audit):
    """200% browser zoom on a 1280x900 screen = a layout viewport of 640x450 CSS px drawn with 2 device
    pixels per CSS pixel. That is what the browser itself does when zooming (media queries see 640 px),
    unlike the CSS `zoom` property, which scales boxes but leaves the viewport and media queries alone.
    The 320 px check above covers 400% zoom (WCAG 1.4.10)."""
    from .conftest import TIMEOUT_MS, watch_errors

    journeys = dict((user.pk, pages) for user, pages in _journeys(cast))
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 640, "height": 450}, device_scale_factor=2
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        watch_errors(page)
        login(page, cast.chair)
        wanted = {"case-list", "case", "household", "plan", "workspace-beeldvorming", "workspace-plan", "report"}
        wanted |= {"conference-held", "privacy"}
        for name, url in journeys[cast.chair.pk]:
            if name in wanted:
                page.goto(url)
                audit(page, f"zoom200-{name}")
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
    finally:
        context.close()
