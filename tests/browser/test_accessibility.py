"""axe-core on the pages not covered by the referral flow: forms with validation errors, the case list
and search, the case page as a team member, every household record form, every page in the main
menu and the 404 page. Zero violations everywhere; screenshots go to /tmp/ineen-shots/."""

import re

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from ineen.web.views.household import KINDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_referral_form_with_errors(page, cast, login, audit):
    login(page, cast.member)
    page.goto("/aanmelden/")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    # Errors are tied to their fields, so a screen reader announces them with the field.
    household_name = page.locator("#id_household_name")
    expect(household_name).to_have_attribute("aria-invalid", "true")
    described_by = household_name.get_attribute("aria-describedby") or ""
    assert "id_household_name_error" in described_by.split()
    audit(page, "referral-form-errors")

    # A second member added after an error keeps working (the <template> is still there).
    page.get_by_role("button", name="Nog een gezinslid toevoegen").click()
    expect(page.locator("#id_person-TOTAL_FORMS")).to_have_value("2")
    audit(page, "referral-form-errors-two-members")


def test_case_list_and_search(page, cast, login, audit):
    login(page, cast.member)
    page.goto("/casussen/")
    expect(page.locator("#results")).to_contain_text(cast.case.reference)
    audit(page, "case-list")

    # Search by typing (htmx updates #results in place, announced through aria-live).
    page.get_by_label("Zoek op naam of kenmerk").fill("geen-treffer-xyz")
    expect(page.locator("#results")).to_contain_text("0 casussen")
    page.get_by_label("Zoek op naam of kenmerk").fill(cast.case.household.name)
    expect(page.locator("#results")).to_contain_text(cast.case.reference)
    audit(page, "case-list-search")

    # The same search without JavaScript: a plain GET.
    page.goto(f"/casussen/?q={cast.case.reference}&status=active")
    expect(page.locator("#results tbody tr")).to_have_count(1)


def test_case_pages_as_team_member(page, cast, login, audit):
    login(page, cast.member, check=False)
    audit(page, "dashboard-member")
    case = cast.case
    page.goto(reverse("web:case_detail", args=[case.public_id]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.household.name)
    expect(page.locator(".ineen-case-header")).to_contain_text("betrokken professional")
    audit(page, "case-detail-member")
    # The other parts of the case page (tabs), whatever they are today.
    tabs = page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link")
    for href in [tabs.nth(i).get_attribute("href") for i in range(tabs.count())][1:]:
        assert page.goto(href).ok, href
        expect(page.get_by_role("heading", level=1)).to_contain_text(case.household.name)
        audit(page, "case-" + href.rstrip("/").rsplit("/", 1)[-1])

    for kind in KINDS:
        page.goto(reverse("web:household_add", args=[case.public_id, kind]))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        audit(page, f"household-{kind}")

    # The incident form with its validation errors.
    page.goto(reverse("web:household_add", args=[case.public_id, "incident"]))
    page.locator("main form").get_by_role("button", name="Opslaan").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    audit(page, "household-incident-errors")

    try:  # case notes are newer than this test; audit their form when the route exists
        page.goto(reverse("web:note_add", args=[case.public_id]))
    except NoReverseMatch:
        pass
    else:
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        audit(page, "note-add")

    person = case.household.members.first()
    page.goto(reverse("web:person_edit", args=[case.public_id, person.public_id]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    audit(page, "person-edit")


def test_main_navigation_and_not_found(page, cast, login, audit):
    """Every page in the main menu (whatever it holds today), and the 404 page."""
    login(page, cast.outsider)
    nav = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")
    targets = [(nav.nth(i).inner_text(), nav.nth(i).get_attribute("href")) for i in range(nav.count())]
    assert len(targets) >= 4, targets
    for text, href in targets:
        response = page.goto(href)
        assert response.ok, f"{text}: {href} gave {response.status}"
        audit(page, "nav-" + re.sub(r"\W+", "-", text.lower()).strip("-"))

    response = page.goto(reverse("web:case_detail", args=[cast.case.public_id]))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(page.locator("body")).not_to_contain_text(cast.case.household.name)
    audit(page, "not-found")


def test_record_life_domain_and_incident(page, cast, login, audit):
    """Two household records saved through their forms; the case page shows them."""
    login(page, cast.member)
    case = cast.case
    page.goto(reverse("web:household_add", args=[case.public_id, "leefgebied"]))
    page.get_by_label("Leefgebied").select_option("finances")
    page.get_by_label("Zorgen", exact=False).first.select_option("serious")
    page.locator("main form textarea").first.fill("Schulden bij de woningcorporatie.")
    page.locator("main form").get_by_role("button", name="Opslaan").click()
    # Back on the case page that shows this kind of record.
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Opgeslagen")
    expect(page.locator("#leefgebieden tr", has_text="Financiën")).to_contain_text("Ernstige zorgen")

    page.goto(reverse("web:household_add", args=[case.public_id, "incident"]))
    page.get_by_label("Datum").fill("2026-01-15")
    page.get_by_label("Bedreiging").check()
    page.get_by_label("Omschrijving").fill("Dreigende berichten aan moeder.")
    page.locator("main form").get_by_role("button", name="Opslaan").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Opgeslagen")
    expect(page.locator("#incidenten tbody")).to_contain_text("Dreigende berichten aan moeder.")
    audit(page, "case-detail-with-records")
