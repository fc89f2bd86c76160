import time

import pytest
from playwright.sync_api import expect

from ineen.conferences import live
from ineen.conferences.models import Conference
from ineen.households.models import Incident
from django.utils import timezone
from tests.conferences.conftest import make_conference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_ws(new_page, cast, login, audit):
    conf = make_conference(cast.case, cast.chair, [cast.director, cast.member, cast.expert])
    c = Conference.objects.select_related("case__household", "case__safety_house").get(pk=conf.pk)
    live.start(conference=c, by=cast.chair)
    c = Conference.objects.select_related("case__household", "case__safety_house").get(pk=conf.pk)
    live.move_step(conference=c, by=cast.chair, from_step="opening", to_step="picture")
    w = live.add_contribution(conference=c, by=cast.director, kind="worry", text="Vader dreigt met een mes als hij drinkt.")
    live.add_contribution(conference=c, by=cast.expert, kind="worry", text="Kinderen slapen slecht en zijn bang.")
    live.choose_top_item(conference=c, by=cast.chair, rank=1, contribution=w)
    for d, t in [(300, "Eerste melding: duwen in de keuken."), (40, "Ergste: verwonding aan arm, politie ter plaatse."), (5, "Laatste: dreiging via telefoon.")]:
        Incident.objects.create(household=cast.case.household, date=timezone.localdate() - timezone.timedelta(days=d), description=t,
                                source_organisation=cast.member.organisation, violence_types=["physical"])
    live.add_note(conference=c, by=cast.member, part=c.parts.get(), step="picture", text="Moeder wil in huis blijven.")
    for u, v in [(cast.director, 8), (cast.member, 7), (cast.expert, 3)]:
        live.submit_score(conference=c, by=u, value=v, justification=f"Onderbouwing {v}.")
    chair = new_page()
    login(chair, cast.chair)
    url = f"/overleggen/{conf.public_id}/werkruimte/"
    chair.goto(url + "?weergave=beeldvorming")
    audit(chair, "ws-beeldvorming-chair")
    member = new_page()
    login(member, cast.member)
    member.goto(url + "?weergave=beeldvorming")
    # member types, chair adds a worry meanwhile
    member.fill("#ws-contribution-text", "Mijn half getypte zorg")
    member.focus("#ws-contribution-text")
    chair.fill("#ws-contribution-text", "Nieuwe zorg van de voorzitter.")
    chair.click("#ws-contribution-submit")
    expect(chair.locator("#ws-contributions")).to_contain_text("Nieuwe zorg van de voorzitter.")
    expect(chair.locator("#ws-contribution-text")).to_have_value("")
    expect(member.locator("#ws-contributions")).to_contain_text("Nieuwe zorg van de voorzitter.", timeout=10000)
    expect(member.locator("#ws-contribution-text")).to_have_value("Mijn half getypte zorg")
    assert member.evaluate("document.activeElement.id") == "ws-contribution-text"
    member.click("#ws-contribution-submit")
    expect(member.locator("#ws-contributions")).to_contain_text("Mijn half getypte zorg")
    expect(member.locator("#ws-message")).to_contain_text("toegevoegd")
    audit(member, "ws-beeldvorming-member-after")
    # keyboard score? reveal
    chair.goto(url + "?weergave=oordeelsvorming")
    # keyboard only: the member gives a score
    member.goto(url + "?weergave=oordeelsvorming")
    member.focus("#ws-score-value_5")
    member.keyboard.press("Space")
    member.keyboard.press("Tab")
    member.keyboard.type("Zorgen over de avonden.")
    member.keyboard.press("Tab")
    member.keyboard.press("Enter")
    expect(member.locator("#ws-scores")).to_contain_text("Uw cijfer: 6")
    chair.click("#ws-reveal")
    expect(chair.locator("#ws-scores")).to_contain_text("Mediaan")
    audit(chair, "ws-oordeelsvorming-chair")
    expect(member.locator("#ws-status")).to_be_visible()
    member.goto(url + "?weergave=plan")
    audit(member, "ws-plan-member")
    member.goto(url + "?weergave=afspraken")
    audit(member, "ws-afspraken-member")
    chair.goto(url + "?weergave=opening&groot=1")
    audit(chair, "ws-opening-large")
    chair.goto(url + "?weergave=brainstorm")
    audit(chair, "ws-brainstorm-chair")
