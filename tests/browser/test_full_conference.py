"""A whole phase-1 (directe veiligheid) conference in real browsers, from planning to report: the chair
plans and invites two team members, both prepare, the chair opens and leads the meeting, both score at
the same time, the chair reveals, picks a top-3 item, records the phase decision, an action and a
bottom line, ends the meeting and reads the report. Screenshots land in /tmp/ineen-shots/full-*.png."""

import pytest
from django.db import connection
from playwright.sync_api import expect

from ineen.conferences import prepare
from ineen.conferences.models import Conference, ScalingScore

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_full_phase_one_conference(new_page, cast, login, audit):
    # 1. The chair plans the conference through the UI and invites two team members.
    chair = new_page()
    login(chair, cast.chair)
    chair.goto(f"/casussen/{cast.case.public_id}/")
    chair.get_by_role("link", name="Overleg plannen").click()
    chair.select_option("#id_phase", "immediate_safety")
    expect(chair.locator("#guide-tree")).to_contain_text("Wat zijn de zorgen t.a.v. de onveiligheid?")
    chair.check("#id_kind_2")  # MDA++
    chair.fill("#id_goal", "Directe veiligheid van moeder en kinderen.")
    chair.fill("#id_starts_at", "2030-03-04T10:00")
    chair.fill("#id_location", "ZVH Haaglanden, zaal 1")
    chair.get_by_role("button", name="Overleg plannen").click()
    expect(chair.locator("h1")).to_contain_text("MDA++-overleg")
    conference = Conference.objects.get()
    assert conference.phase == "immediate_safety"
    part = conference.parts.get()
    for user, reason in [(cast.director, "Casusregisseur van dit gezin."), (cast.member, "Kent de strafzaak.")]:
        chair.select_option("#invite-user-user", str(user.pk))
        chair.select_option("#invite-user-part", str(part.pk))
        chair.fill("#invite-user-reason", reason)
        chair.get_by_role("button", name="Uitnodigen en agenda-item sturen").click()
        expect(chair.locator("#aan-tafel")).to_contain_text(reason)
    audit(chair, "full-detail-chair")

    # 2. Each participant prepares in her own browser context.
    director, member = new_page(), new_page()
    login(director, cast.director)
    login(member, cast.member)
    first = prepare.questions(conference)[0].item
    for page, text in [
        (director, "Vader dreigde vorige week met een mes."),
        (member, "Moeder is bang in de avonduren."),
    ]:
        page.goto(f"/overleggen/{conference.public_id}/voorbereiding/")
        page.fill(f"#text-{first.pk}", text)
        page.get_by_role("button", name="Inbreng opslaan").click()
        expect(page.locator(".ineen-messages")).to_contain_text("Uw inbreng is opgeslagen.")
    audit(member, "full-prepare-member")

    # 3. The chair writes the opening summary and leads the meeting.
    chair.goto(f"/overleggen/{conference.public_id}/voorbereiding/overzicht/")
    expect(chair.locator("#naast-elkaar")).to_contain_text("Vader dreigde vorige week met een mes.")
    expect(chair.locator("#naast-elkaar")).to_contain_text("Moeder is bang in de avonduren.")
    chair.fill("#summary-text", "Dreiging door vader, vooral 's avonds.")
    chair.get_by_role("button", name="Samenvatting opslaan").click()
    expect(chair.locator("main")).to_contain_text("Dreiging door vader, vooral 's avonds.")

    url = f"/overleggen/{conference.public_id}/werkruimte/"
    chair.goto(url + "?weergave=opening")
    chair.click("#ws-start")
    expect(chair.locator("#ws-status")).to_contain_text("Verder naar")
    expect(chair.locator("#ws-opening")).to_contain_text("Dreiging door vader, vooral 's avonds.")
    audit(chair, "full-workspace-opening-chair")
    chair.click("#ws-step-next")  # to beeldvorming
    chair.goto(url + "?weergave=beeldvorming")
    expect(chair.locator("#ws-step-next")).to_contain_text("Oordeelsvorming")

    for page, text in [(director, "Vader heeft toegang tot een mes."), (member, "De kinderen zien het geweld.")]:
        page.goto(url + "?weergave=beeldvorming")
        page.fill("#ws-contribution-text", text)
        page.click("#ws-contribution-submit")
        expect(page.locator("#ws-contributions")).to_contain_text(text)
    expect(chair.locator("#ws-contributions")).to_contain_text("De kinderen zien het geweld.", timeout=10_000)
    expect(chair.locator("#ws-contributions")).to_contain_text("Vader heeft toegang tot een mes.")
    # The chair picks one worry for place 1 of the shared top 3.
    chair.locator("#ws-contributions li", has_text="Vader heeft toegang tot een mes.").locator(
        "button[name=rank][value='1']"
    ).click()
    expect(chair.locator("#ws-message")).to_contain_text("De top 3 is bijgewerkt.")
    chair.reload()
    expect(chair.locator("#ws-contributions")).to_contain_text("top 3, plaats 1")
    expect(chair.locator("#ws-top")).to_contain_text("Vader heeft toegang tot een mes.")
    audit(chair, "full-workspace-beeldvorming-chair")
    audit(member, "full-workspace-beeldvorming-member")

    chair.click("#ws-step-next")  # to oordeelsvorming
    chair.goto(url + "?weergave=oordeelsvorming")
    # Both participants score at the same time: fill both forms, then submit both without waiting.
    director.goto(url + "?weergave=oordeelsvorming")
    member.goto(url + "?weergave=oordeelsvorming")
    director.check("#ws-score-value_2")  # 3
    director.fill("#ws-score-justification", "Mes in huis, geen afspraken.")
    member.check("#ws-score-value_5")  # 6
    member.fill("#ws-score-justification", "Moeder heeft een veiligheidsplan.")
    if connection.vendor == "postgresql":
        director.click("#ws-score-submit", no_wait_after=True)
        member.click("#ws-score-submit", no_wait_after=True)
    else:
        # SQLite's in-memory test database (shared cache) answers two overlapping writes with
        # "database table is locked" instead of waiting; like tests/conferences/test_workspace_concurrency.py,
        # real simultaneity needs DATABASE_URL=postgres://... Here the second submit waits for the first.
        director.click("#ws-score-submit")
        expect(director.locator("#ws-scores")).to_contain_text("Uw cijfer: 3")
        member.click("#ws-score-submit")
    expect(director.locator("#ws-scores")).to_contain_text("Uw cijfer: 3")
    expect(member.locator("#ws-scores")).to_contain_text("Uw cijfer: 6")
    assert ScalingScore.objects.filter(conference=conference).count() == 2
    assert sorted(ScalingScore.objects.filter(conference=conference).values_list("value", flat=True)) == [3, 6]
    # Before the reveal nobody sees the other's score.
    director.reload()
    member.reload()
    expect(director.locator("#ws-scores")).to_contain_text("Uw cijfer: 3")
    expect(member.locator("#ws-scores")).to_contain_text("Uw cijfer: 6")
    expect(director.locator("#ws-scores")).not_to_contain_text("veiligheidsplan")
    expect(member.locator("#ws-scores")).not_to_contain_text("Mes in huis")
    expect(director.locator("main")).not_to_contain_text("Moeder heeft een veiligheidsplan.")
    expect(member.locator("main")).not_to_contain_text("Mes in huis, geen afspraken.")
    expect(chair.locator("#ws-scores")).to_contain_text("2 van", timeout=10_000)
    audit(member, "full-workspace-oordeelsvorming-member")

    chair.click("#ws-reveal")
    expect(chair.locator("#ws-scores")).to_contain_text("Mediaan")
    expect(chair.locator(".ws-distribution")).to_contain_text("3")
    expect(chair.locator("#ws-scores")).to_contain_text("Mes in huis, geen afspraken.")
    expect(chair.locator("#ws-scores")).to_contain_text("Moeder heeft een veiligheidsplan.")
    expect(member.locator("#ws-scores")).to_contain_text("Mes in huis, geen afspraken.", timeout=10_000)

    # Phase decision: stay in directe veiligheid, with a reason.
    chair.locator("#ws-phase input[name=decision][value=stay]").check()
    chair.fill("#ws-phase-reason", "De dreiging is nog niet weg.")
    chair.click("#ws-phase-submit")
    expect(chair.locator("#ws-phase .ineen-card")).to_contain_text("De dreiging is nog niet weg.")
    audit(chair, "full-workspace-oordeelsvorming-chair")
    # The participants are done; closing their pages stops their 3-second polls (on the SQLite test
    # database a poll that overlaps a write can otherwise hit "database table is locked").
    director.close()
    member.close()

    chair.click("#ws-step-next")  # to besluitvorming
    chair.goto(url + "?weergave=plan")
    chair.fill("#ws-action-what", "Mes uit huis laten halen door de politie.")
    chair.select_option(
        "#ws-action-owner", label=chair.locator("#ws-action-owner option", has_text="Sanne").first.inner_text()
    )
    chair.fill("#ws-action-due_on", "2030-03-11")
    chair.select_option("#ws-action-answers", index=1)
    chair.fill("#ws-action-reason", "Zonder mes geen directe dreiging.")
    chair.click("#ws-action-submit")
    expect(chair.locator("#ws-actions")).to_contain_text("Mes uit huis laten halen door de politie.", timeout=10_000)
    chair.locator("#ws-bottom-line-form-title").click()
    chair.fill("#ws-bottomline-text", "Vader komt niet in de woning.")
    chair.select_option("#ws-bottomline-guardian", index=1)
    chair.fill("#ws-bottomline-on_breach", "Politie wordt direct ingeschakeld.")
    chair.click("#ws-bottomline-submit")
    expect(chair.locator("#ws-bottom-lines")).to_contain_text("Vader komt niet in de woning.", timeout=10_000)
    audit(chair, "full-workspace-plan-chair")

    # Before ending: the household's check is asked for; ending without attendance needs a confirmation.
    expect(chair.locator("#ws-client-check")).to_contain_text("aanwezigheid nog niet vastgelegd")
    chair.check("#ws-close-without-attendance")
    chair.click("#ws-step-next")  # end the meeting
    conference.refresh_from_db()
    expect(chair.locator("#ws-status")).to_contain_text("Terug naar")
    conference.refresh_from_db()
    assert conference.state == "ended"

    # 4. The report.
    chair.goto(f"/overleggen/{conference.public_id}/verslag/")
    expect(chair.get_by_role("heading", level=1)).to_contain_text("Verslag")
    expect(chair.locator("#besluiten")).to_contain_text("Mes uit huis laten halen door de politie.")
    expect(chair.locator("#bodemeisen")).to_contain_text("Vader komt niet in de woning.")
    expect(chair.locator("#top3")).to_contain_text("Vader heeft toegang tot een mes.")
    expect(chair.locator("#fase")).to_contain_text("De dreiging is nog niet weg.")
    audit(chair, "full-report-chair")
