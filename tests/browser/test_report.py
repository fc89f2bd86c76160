"""The conference report, its client version and the plan page in a real browser: zero axe-core
violations, screenshots (screen and print media) in /tmp/ineen-shots/, and what printing hides."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conferences.reporting import ADDRESS, FORBIDDEN, held_conference
from tests.plans.conftest import make_action

from .conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def printed(page, name):
    """Screenshot and PDF (A4) of the page as printed."""
    page.emulate_media(media="print")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-print.png"), full_page=True)
    page.pdf(path=str(SHOTS / f"{name}.pdf"), format="A4")
    hidden = {
        "navigation": page.locator(".utrecht-page-header").is_visible(),
        "tabs or links": page.locator(".ineen-no-print").first.is_visible(),
    }
    page.emulate_media(media="screen")
    return hidden


def test_report_and_client_version(page, cast, login, audit):
    held = held_conference(cast)
    login(page, cast.chair)
    page.goto(reverse("conferences:report", args=[held.conference.public_id]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag")
    expect(page.locator("#besluiten")).to_contain_text("MK-FAMILY-ACTION")
    audit(page, "report-chair")
    assert printed(page, "report-chair") == {"navigation": False, "tabs or links": False}

    page.get_by_role("link", name="Anna Test").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat we samen hebben afgesproken")
    audit(page, "report-client-anna")
    assert printed(page, "report-client-anna") == {"navigation": False, "tabs or links": False}
    article = page.locator("article.ineen-client-report").inner_text()
    assert [m for m in FORBIDDEN if m in article] == []
    assert ADDRESS not in page.content()


def test_plan_page(page, cast, login, audit):
    held = held_conference(cast)
    make_action(cast.case, cast.member, what="Schuldhulp aanvragen.", days=-3, reason="")
    login(page, cast.member)
    page.goto(reverse("plans:plan", args=[cast.case.public_id]))
    expect(page.locator("#aandachtspunten")).to_contain_text("te laat")
    audit(page, "plan-member")
    page.get_by_role("link", name="Voortgang, status of datum bijwerken").first.click()
    page.get_by_text("Status en resultaat bijwerken").first.click()
    audit(page, "plan-member-form-open")
    assert held.conference.public_id


def test_ended_conference_page_leads_to_the_report_and_client_versions(new_page, cast, login, audit):
    """After "Overleg afronden" the conference page is no dead end: the report and the client versions."""
    held = held_conference(cast)
    chair, member = new_page(), new_page()
    login(chair, cast.chair)
    chair.goto(f"/overleggen/{held.conference.public_id}/")
    section = chair.locator("#verslag")
    expect(section).to_contain_text("Het overleg is afgerond")
    audit(chair, "detail-ended-chair")
    section.get_by_role("link", name="Verslag bekijken en afdrukken").click()
    expect(chair.locator("h1")).to_contain_text("Verslag")
    chair.go_back()
    chair.locator("#verslag").get_by_role("link", name="Anna Test").click()
    expect(chair.locator("main")).to_contain_text("hebben we met elkaar gepraat")
    # A team member reads the report from there too, without the client versions (chair and director only).
    login(member, cast.member)
    member.goto(f"/overleggen/{held.conference.public_id}/")
    expect(member.locator("#verslag").get_by_role("link", name="Verslag bekijken en afdrukken")).to_be_visible()
    expect(member.locator("#verslag")).not_to_contain_text("Anna Test")
    member.get_by_role("navigation", name="Onderdelen van dit overleg").get_by_role("link", name="Verslag").click()
    expect(member.locator("h1")).to_contain_text("Verslag")
