"""axe-core on the repeated measurement page (SVG chart with its table) and the family's timeline
(issue 13), as the case director, with a scenario of three held meetings; the kind filter works without
JavaScript (a GET form)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.insights.scenario import measured

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_measurement_and_timeline(page, cast, login, audit):
    measured(cast)
    login(page, cast.director, check=False)
    page.goto(reverse("insights:measurements", args=[cast.case.public_id]))
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.locator("table caption").first).to_be_visible()
    audit(page, "insights-measurements")
    page.goto(reverse("insights:timeline", args=[cast.case.public_id]))
    expect(page.locator("ol.ineen-timeline time").first).to_be_visible()
    audit(page, "insights-timeline")
    page.get_by_label("Incident", exact=True).check()
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("ol.ineen-timeline > li")).to_have_count(4)
    audit(page, "insights-timeline-filtered")
