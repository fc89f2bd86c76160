"""Issue 9, the live workspace in a real browser: a participant follows the chair without clicking
(and keeps what she is typing), corrects her own worry, and the projector is readable from 5 metres
(>= 28 px text at 1920x1080, no navigation) and follows the meeting."""

import pytest
from playwright.sync_api import expect

from ineen.conferences import live
from ineen.conferences.models import Conference
from tests.browser.conftest import SHOTS, watch_errors
from tests.conferences.conftest import make_conference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _loaded(conference):
    return Conference.objects.select_related("case__household", "case__safety_house").get(pk=conference.pk)


@pytest.fixture
def opened(cast):
    """A live meeting in its opening, with a worry of the member's (with a typo) for later."""
    conference = make_conference(cast.case, cast.chair, [cast.director, cast.member, cast.expert])
    live.start(conference=_loaded(conference), actor=cast.chair)
    live.add_contribution(conference=_loaded(conference), actor=cast.member, kind="worry", text="Vadr drinkt.")
    return conference


def test_participant_follows_the_chair_and_corrects_her_worry(new_page, cast, login, opened):
    url = f"/overleggen/{opened.public_id}/werkruimte/"
    chair, member = new_page(), new_page()
    login(chair, cast.chair)
    login(member, cast.member)
    member.goto(url)
    chair.goto(url)
    expect(member.locator("#ws-view-title")).to_have_text("Opening")
    chair.click("#ws-step-next")
    # No click by the member: her page shows beeldvorming's content (not only the step bar).
    expect(member.locator("#ws-contributions")).to_contain_text("Vadr drinkt.", timeout=10_000)
    expect(member.locator("#ws-view-title")).to_have_text("Beeldvorming")
    assert "weergave=beeldvorming" in member.url
    # She is typing a note when the chair moves on: her text stays until she is done.
    member.fill("#ws-newnote-text", "Half getypte aantekening")
    member.focus("#ws-newnote-text")
    chair.goto(url + "?weergave=beeldvorming")
    chair.click("#ws-step-next")
    member.wait_for_timeout(4_000)  # more than one poll
    expect(member.locator("#ws-newnote-text")).to_have_value("Half getypte aantekening")
    member.click("#ws-newnote-submit")
    expect(member.locator("#ws-notes")).to_contain_text("Half getypte aantekening")
    # once her note is saved, the page follows the meeting
    expect(member.locator("#ws-view-title")).to_have_text("Schaalvraag en oordeelsvorming", timeout=10_000)
    assert member.ineen_errors == [] and chair.ineen_errors == []


def test_member_corrects_and_withdraws_her_worry(new_page, cast, login, opened):
    c = _loaded(opened)
    live.move_step(conference=c, actor=cast.chair, from_step="opening", to_step="picture")
    url = f"/overleggen/{opened.public_id}/werkruimte/?weergave=beeldvorming"
    chair, member = new_page(), new_page()
    login(chair, cast.chair)
    login(member, cast.member)
    chair.goto(url)
    member.goto(url)
    member.locator("#ws-contributions summary").first.click()
    member.locator("#ws-contributions textarea").first.fill("Vader drinkt.")
    member.locator("#ws-contributions button[id$='-submit']").first.click()
    expect(member.locator("#ws-contributions")).to_contain_text("Vader drinkt.")
    expect(chair.locator("#ws-contributions")).to_contain_text("Vader drinkt.", timeout=10_000)
    expect(chair.locator("#ws-contributions")).not_to_contain_text("Vadr")
    member.locator("#ws-contributions summary").first.click()
    member.locator("#ws-contributions button[id$='-withdraw']").first.click()
    expect(member.locator("#ws-contributions")).not_to_contain_text("Vader drinkt.")
    expect(chair.locator("#ws-contributions")).not_to_contain_text("Vader drinkt.", timeout=10_000)
    assert member.ineen_errors == [] and chair.ineen_errors == []


def test_projector_is_large_without_navigation_and_follows(new_page, cast, login, opened):
    c = _loaded(opened)
    live.move_step(conference=c, actor=cast.chair, from_step="opening", to_step="picture")
    live.choose_top_item(conference=_loaded(opened), actor=cast.chair, rank=1, text="Kinderen zien het geweld.")
    page = new_page()
    login(page, cast.chair)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"/overleggen/{opened.public_id}/werkruimte/?weergave=beeldvorming")
    with page.expect_popup() as popup:
        page.click("#ws-projector-link")
    projector = popup.value
    watch_errors(projector)  # from here on: the poll's answers and their swaps
    projector.set_viewport_size({"width": 1920, "height": 1080})
    expect(projector.locator(".pj-top")).to_contain_text("Kinderen zien het geweld.")
    assert projector.locator("nav").count() == 0
    assert projector.locator("form, input, textarea").count() == 0
    assert "Vadr drinkt." not in projector.content()  # personal input stays off the wall
    sizes = projector.evaluate(
        """() => Array.from(document.querySelectorAll('body, p, li, dt, dd, td, th, h1, h2'))
            .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert sizes and min(sizes) >= 28, sizes
    SHOTS.mkdir(parents=True, exist_ok=True)
    projector.screenshot(path=str(SHOTS / "workspace-projector.png"))
    # the chair moves on: the projector follows by itself
    live.move_step(conference=_loaded(opened), actor=cast.chair, from_step="picture", to_step="judgement")
    expect(projector.locator(".pj-step")).to_have_text("Oordeelsvorming", timeout=10_000)
    assert projector.ineen_errors == []


@pytest.mark.parametrize("view", ["beeldvorming", "oordeelsvorming", "brainstorm", "plan", "afspraken"])
def test_no_typing_is_lost_when_another_form_is_sent(new_page, cast, login, opened, view):
    """Acceptance point 2 for the workspace: type into every text field of the view (the chair sees them
    all, corrections included), send the note form, and find every typed text still there."""
    c = _loaded(opened)
    live.move_step(conference=c, actor=cast.chair, from_step="opening", to_step="picture")
    idea = live.add_contribution(conference=_loaded(opened), actor=cast.member, kind="offer", text="Gezinscoach.")
    # a priority: the plan view then also offers "Maak hier een actie van" (its own region, no text field)
    live.set_priority(contribution=idea, actor=cast.chair, seen_version=idea.version, is_priority=True)
    page = new_page()
    login(page, cast.chair)
    page.goto(f"/overleggen/{opened.public_id}/werkruimte/?weergave={view}")
    for summary in page.locator("#ws-main details:not(.ws-questions) > summary").all():
        summary.click()
    fields = page.locator("#ws-main textarea:visible, #ws-main input[type=text]:visible")
    typed = {}
    for i, field in enumerate(fields.all()):
        field_id = field.get_attribute("id")
        if not field_id or field_id == "ws-newnote-text":
            continue
        field.fill(f"Getypt {i}")
        typed[field_id] = f"Getypt {i}"
    assert typed, "no text fields found"
    page.fill("#ws-newnote-text", "Aantekening tussendoor.")
    page.click("#ws-newnote-submit")
    expect(page.locator("#ws-notes")).to_contain_text("Aantekening tussendoor.")
    page.wait_for_timeout(3_500)  # and a poll
    for field_id, value in typed.items():
        expect(page.locator(f"[id='{field_id}']")).to_have_value(value)
    if view == "plan":  # the one-step action from an idea refills only the action form
        page.click(f"#ws-offer-{idea.pk}")
        expect(page.locator("#ws-action-what")).to_have_value("Gezinscoach.")
        for field_id, value in typed.items():
            if not field_id.startswith("ws-action-"):
                expect(page.locator(f"[id='{field_id}']")).to_have_value(value)
    assert page.ineen_errors == []
