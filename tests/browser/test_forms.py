"""Forms as a person meets them (issue 9, acceptance point 4): an error is summarised at the top of the page
with a link to the field and nothing typed is lost; ending someone's team membership is confirmed first and
afterwards reads as ended."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_referral_with_a_missing_required_field_summarises_the_error_at_the_top(page, cast, login, audit):
    login(page, cast.member)
    page.goto("/aanmelden/")
    page.fill("#id_household_name", "Gezin De Vries")
    page.fill("#id_person-0-first_name", "Sanne")
    page.fill("#id_person-0-last_name", "de Vries")
    page.fill("#id_person-0-birth_year", "1991")
    # "Positie in het huishouden" is left empty: it is required, and the label says so.
    expect(page.locator("label[for=id_person-0-relationship]")).to_contain_text("(verplicht)")
    page.fill("#id_summary", "Zorgen over de kinderen na de scheiding.")
    page.get_by_role("button", name="Controleren en versturen").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="Er ging iets mis")).to_be_visible()
    expect(summary).to_be_focused()  # announced and in view, without scrolling down a long page
    link = summary.get_by_role("link", name="Gezinslid 1: Positie in het huishouden")
    expect(link).to_have_attribute("href", "#id_person-0-relationship")
    # At the top: above the first field of the form, inside the first screen.
    summary_box = summary.bounding_box()
    assert summary_box["y"] < page.locator("#id_safety_house").bounding_box()["y"]
    assert summary_box["y"] < page.viewport_size["height"]
    audit(page, "referral-error-summary")

    # What was typed is still there.
    expect(page.locator("#id_household_name")).to_have_value("Gezin De Vries")
    expect(page.locator("#id_person-0-first_name")).to_have_value("Sanne")
    expect(page.locator("#id_person-0-birth_year")).to_have_value("1991")
    expect(page.locator("#id_summary")).to_have_value("Zorgen over de kinderen na de scheiding.")

    # The link leads to the field.
    link.click()
    assert page.url.endswith("#id_person-0-relationship")
    expect(page.locator("#id_person-0-relationship")).to_be_in_viewport()


def test_ending_a_membership_is_confirmed_and_then_reads_as_ended(page, cast, login, audit):
    login(page, cast.chair)
    page.goto(f"/casussen/{cast.case.public_id}/team/toevoegen/")
    offered = page.locator("#id_user option").all_inner_texts()
    assert not any(cast.member.get_full_name() in option for option in offered)  # already in the team

    page.goto(f"/casussen/{cast.case.public_id}/")
    name = cast.member.get_full_name()
    page.get_by_role("link", name=f"Beëindigen {name}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Lidmaatschap van {name} beëindigen?")
    expect(page.locator("main")).to_contain_text("direct niet meer openen")
    audit(page, "team-end-confirm")
    page.get_by_role("button", name="Ja, lidmaatschap beëindigen").click()

    page.wait_for_url(f"**/casussen/{cast.case.public_id}/")
    row = page.locator("tr", has_text=name)
    expect(row).to_contain_text("Beëindigd op")
    expect(row.get_by_role("link", name="Beëindigen")).to_have_count(0)
