"""Keyboard only: the skip link, and a complete referral with Tab, typing, Space and Enter."""

import re

import pytest
from playwright.sync_api import expect

from ineen.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page, selector):
    return page.evaluate("s => document.activeElement !== null && document.activeElement.matches(s)", selector)


def tab_to(page, selector, limit=120):
    """Press Tab until `selector` has focus (fails if it never does: then it is not reachable)."""
    for _ in range(limit):
        if focused(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(
        f"{selector} not reached with Tab; focus is on "
        + page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    )


def assert_focus_visible(page):
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }""")
    assert not style.startswith("none"), f"no visible focus indicator: {style}"


def test_skip_link_is_first_tab_stop(page, cast, login):
    login(page, cast.member)
    for url in ("/", "/aanmelden/", "/casussen/"):
        page.goto(url)
        page.keyboard.press("Tab")
        skip = page.locator("a.utrecht-skip-link")
        expect(skip).to_be_focused()
        expect(skip).to_have_text("Naar de inhoud")
        expect(skip).to_be_in_viewport()  # shown when focused, hidden off-screen otherwise
        assert_focus_visible(page)
        page.keyboard.press("Enter")
        expect(page.locator("main#main")).to_be_focused()
        # The next Tab continues inside the main content, not back in the header.
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_referral_with_keyboard_only(page, cast, login):
    login(page, cast.member)
    page.goto("/aanmelden/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip link

    tab_to(page, "#id_household_name")
    assert_focus_visible(page)
    page.keyboard.type("Gezin Toetsenbord")

    tab_to(page, "#id_person-0-first_name")
    page.keyboard.type("Mila")
    page.keyboard.press("Tab")
    page.keyboard.type("Jansen")
    page.keyboard.press("Tab")
    page.keyboard.type("1990")
    tab_to(page, "#id_person-0-relationship")
    page.keyboard.type("Ouder")  # typing selects the matching option in a closed <select>
    expect(page.locator("#id_person-0-relationship")).to_have_value("parent")

    # "Nog een gezinslid toevoegen" with Enter; focus moves to the first field of the new member.
    tab_to(page, "[data-formset-add=people]")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#id_person-1-first_name")).to_be_focused()
    page.keyboard.type("Daan")
    page.keyboard.press("Tab")
    page.keyboard.type("Jansen")
    page.keyboard.press("Tab")
    page.keyboard.type("2018")
    tab_to(page, "#id_person-1-relationship")
    page.keyboard.type("Kind")
    expect(page.locator("#id_person-1-relationship")).to_have_value("child")

    tab_to(page, "#id_summary")
    page.keyboard.type("Zorgen om de veiligheid van Daan.")
    tab_to(page, "input[name=risk_factors][value=earlier_violence]")
    assert_focus_visible(page)
    page.keyboard.press("Space")
    expect(page.locator("input[name=risk_factors][value=earlier_violence]")).to_be_checked()

    # Radio group: Tab lands on the checked radio, arrow keys choose within the group.
    tab_to(page, "input[name=clients_informed]:checked")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("input[name=clients_informed][value=yes]")).to_be_checked()

    tab_to(page, "form.utrecht-form button[type=submit]")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/aanmeldingen/[0-9a-f-]{36}/(#main)?$"))  # the skip link left #main
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("De aanmelding is verstuurd")

    case = Case.objects.get(household__name="Gezin Toetsenbord")
    people = dict(case.household.members.values_list("first_name", "relationship"))
    assert people == {"Mila": "parent", "Daan": "child"}
    assert case.referral.risk_factors == ["earlier_violence"]
    assert case.referral.clients_informed == "yes"
