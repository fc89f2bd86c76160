"""The live conference workspace in a real browser: axe-core on every view, two participants at once
(the poll updates one while the other types, and never touches what she is typing), and scoring with
the keyboard only. Screenshots land in /tmp/ineen-shots/workspace-*.png."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ineen.conferences import live
from ineen.conferences.models import Conference
from ineen.households.models import Incident
from tests.conferences.conftest import make_conference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _loaded(conference):
    return Conference.objects.select_related("case__household", "case__safety_house").get(pk=conference.pk)


@pytest.fixture
def meeting(cast):
    """A live meeting in beeldvorming with worries, a top-3 point, incidents, a note and three scores."""
    conference = make_conference(cast.case, cast.chair, [cast.director, cast.member, cast.expert])
    live.start(conference=_loaded(conference), actor=cast.chair)
    c = _loaded(conference)
    live.move_step(conference=c, actor=cast.chair, from_step="opening", to_step="picture")
    worry = live.add_contribution(
        conference=c, actor=cast.director, kind="worry", text="Vader dreigt met een mes als hij drinkt."
    )
    live.add_contribution(conference=c, actor=cast.expert, kind="worry", text="Kinderen slapen slecht en zijn bang.")
    live.choose_top_item(conference=c, actor=cast.chair, rank=1, contribution=worry)
    for days, text in [
        (300, "Eerste melding: duwen in de keuken."),
        (40, "Verwonding aan arm, politie ter plaatse."),
        (5, "Dreiging via telefoon."),
    ]:
        Incident.objects.create(
            household=cast.case.household,
            description=text,
            violence_types=["physical"],
            date=timezone.localdate() - timezone.timedelta(days=days),
            source_organisation=cast.member.organisation,
        )
    live.add_note(
        conference=c, actor=cast.member, part=c.parts.get(), step="picture", text="Moeder wil in huis blijven."
    )
    for user, value in [(cast.director, 8), (cast.expert, 3)]:
        live.submit_score(conference=c, actor=user, value=value, justification=f"Onderbouwing {value}.")
    return conference


def test_two_participants_and_keyboard_scoring(new_page, cast, login, audit, meeting):
    url = f"/overleggen/{meeting.public_id}/werkruimte/"
    chair, member = new_page(), new_page()
    login(chair, cast.chair)
    login(member, cast.member)
    chair.goto(url + "?weergave=beeldvorming")
    member.goto(url + "?weergave=beeldvorming")
    # The member is typing when the chair adds a worry: the list updates, her text and focus stay.
    member.fill("#ws-contribution-text", "Mijn half getypte zorg")
    member.focus("#ws-contribution-text")
    chair.fill("#ws-contribution-text", "Nieuwe zorg van de voorzitter.")
    chair.click("#ws-contribution-submit")
    expect(chair.locator("#ws-contribution-text")).to_have_value("")
    expect(member.locator("#ws-contributions")).to_contain_text("Nieuwe zorg van de voorzitter.", timeout=10_000)
    expect(member.locator("#ws-contribution-text")).to_have_value("Mijn half getypte zorg")
    assert member.evaluate("document.activeElement.id") == "ws-contribution-text"
    member.click("#ws-contribution-submit")
    expect(member.locator("#ws-contributions")).to_contain_text("Mijn half getypte zorg")
    expect(member.locator("#ws-message")).to_contain_text("toegevoegd")
    audit(member, "workspace-beeldvorming-member")
    audit(chair, "workspace-beeldvorming-chair")

    # Keyboard only: a score with its justification.
    member.goto(url + "?weergave=oordeelsvorming")
    member.focus("#ws-score-value_5")
    member.keyboard.press("Space")
    member.keyboard.press("Tab")
    member.keyboard.type("Zorgen over de avonden.")
    member.keyboard.press("Tab")
    member.keyboard.press("Enter")
    expect(member.locator("#ws-scores")).to_contain_text("Uw cijfer: 6")
    expect(member.locator("#ws-scores")).not_to_contain_text("Onderbouwing 8.")  # the others' stay hidden
    audit(member, "workspace-oordeelsvorming-member")
    chair.goto(url + "?weergave=oordeelsvorming")
    chair.click("#ws-reveal")
    expect(chair.locator("#ws-scores")).to_contain_text("Mediaan")
    expect(member.locator("#ws-scores")).to_contain_text("Onderbouwing 8.", timeout=10_000)  # via the poll
    audit(chair, "workspace-oordeelsvorming-chair")
    for view in ("brainstorm", "plan", "afspraken", "afgerond"):
        member.goto(url + f"?weergave={view}")
        audit(member, f"workspace-{view}-member")
    chair.goto(url + "?weergave=opening&groot=1")
    audit(chair, "workspace-opening-beamer")
