"""No lost work on "Mijn voorbereiding" (acceptance point 2): whatever a professional types anywhere on
the page survives pressing any button on it, saved or (on a refusal) still in the form."""

import pytest
from playwright.sync_api import expect

from ineen.conferences import prepare, schedule
from ineen.conferences.models import PreparationInput, ScalingScore

from ..conferences.planning import client_part, plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_everything(page, tag):
    """Type into every text field of every form in the main area; returns {selector: text}."""
    typed = {}
    for field in page.locator("main form textarea").all():
        selector = f"#{field.get_attribute('id')}"
        typed[selector] = f"{tag} in {selector}"
        page.fill(selector, typed[selector])
    return typed


def _expect_kept(page, typed):
    for selector, text in typed.items():
        expect(page.locator(selector)).to_have_value(text)


def test_no_button_loses_typing_on_the_preparation_page(new_page, cast, login, audit):
    conference = plan(cast)
    schedule.invite_user(
        conference=conference, actor=cast.chair, part=client_part(conference), user=cast.member, reason="Betrokken."
    )
    url = f"/overleggen/{conference.public_id}/voorbereiding/"
    page = new_page()
    login(page, cast.member)
    page.goto(url)
    questions = prepare.questions(conference)
    buttons = [b.inner_text() for b in page.locator("main form button[type=submit]").all()]
    assert len(buttons) >= 2  # the score's button and the answers' button

    # Each button in turn: everything typed on the page is saved, whichever button was pressed.
    for round, name in enumerate(buttons):
        page.goto(url)
        page.check(f"#score-value_{round + 2}")
        typed = _fill_everything(page, f"Ronde {round}")
        assert f"#text-{questions[0].item.pk}" in typed and "#score-justification" in typed
        page.get_by_role("button", name=name).click()
        expect(page.locator(".ineen-messages")).to_contain_text("Uw inbreng is opgeslagen.")
        page.goto(url)  # a fresh page: what shows is what was stored
        _expect_kept(page, typed)
        expect(page.locator(f"#score-value_{round + 2}")).to_be_checked()
        assert ScalingScore.objects.get().value == round + 3  # the radios count from 0
        assert PreparationInput.objects.filter(author=cast.member).count() == len(questions)

    # A refusal (the score without a justification) keeps everything typed, and says so.
    page.goto(url)
    typed = _fill_everything(page, "Geweigerd")
    page.fill("#score-justification", "")
    del typed["#score-justification"]
    page.get_by_role("button", name="Cijfer wijzigen").click()
    expect(page.locator("#preparation-refused")).to_be_visible()
    _expect_kept(page, typed)
    audit(page, "prepare-refused")
    # Pressing again after fixing the refusal saves it all, without a conflict.
    page.fill("#score-justification", "Nu met onderbouwing.")
    page.get_by_role("button", name="Inbreng opslaan").click()
    expect(page.locator(".ineen-messages")).to_contain_text("Niemand ziet het vóór het overleg.")
    assert ScalingScore.objects.get().justification == "Nu met onderbouwing."
    first = PreparationInput.objects.get(author=cast.member, item=questions[0].item)
    assert first.text == typed[f"#text-{questions[0].item.pk}"]
