"""axe-core on the pages not covered by the referral flow: forms with validation errors, the case list
and search, the case page as a team member, every household record form, the security page and the
404 page. Zero violations everywhere; screenshots go to /tmp/ineen-shots/."""

import pytest
from django.urls import reverse
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

    for kind in KINDS:
        page.goto(reverse("web:household_add", args=[case.public_id, kind]))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        audit(page, f"household-{kind}")

    # The incident form with its validation errors.
    page.goto(reverse("web:household_add", args=[case.public_id, "incident"]))
    page.locator("main form").get_by_role("button", name="Opslaan").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    audit(page, "household-incident-errors")

    person = case.household.members.first()
    page.goto(reverse("web:person_edit", args=[case.public_id, person.public_id]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    audit(page, "person-edit")


def test_security_and_not_found_pages(page, cast, login, audit):
    login(page, cast.outsider)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beveiliging").click()
    page.wait_for_load_state("load")
    audit(page, "mfa-index")

    response = page.goto(reverse("web:case_detail", args=[cast.case.public_id]))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(page.locator("body")).not_to_contain_text(cast.case.household.name)
    audit(page, "not-found")
