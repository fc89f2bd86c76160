"""Planning and preparing a conference in a real browser: the chair plans one (the guide tree follows
the chosen phase through htmx), invites, and reads the inputs side by side; a professional prepares.
axe-core on every page; screenshots land in /tmp/ineen-shots/planning-*.png."""

import pytest
from playwright.sync_api import expect

from ineen.conferences import prepare, schedule
from ineen.conferences.models import Conference
from ineen.households.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_plans_invites_and_reads_inputs(new_page, cast, login, audit):
    chair = new_page()
    login(chair, cast.chair)
    chair.goto(f"/casussen/{cast.case.public_id}/")
    chair.get_by_role("link", name="Overleg plannen").click()
    # Switching the phase loads that phase's parts without leaving the page. (Before the axe run: axe
    # leaves style attributes behind, which htmx's settle step would copy and the CSP then refuses.)
    chair.select_option("#id_phase", "recovery")
    expect(chair.locator("#guide-tree")).to_contain_text("Hoe zien gezinsleden de toekomst voor ogen?")
    chair.select_option("#id_phase", "immediate_safety")
    expect(chair.locator("#guide-tree")).to_contain_text("Wat zijn de zorgen t.a.v. de onveiligheid?")
    audit(chair, "planning-schedule-form")
    chair.check("#id_kind_2")  # MDA++
    chair.fill("#id_goal", "Zicht op de veiligheid van de kinderen.")
    chair.fill("#id_starts_at", "2030-03-04T10:00")
    chair.fill("#id_location", "ZVH Haaglanden, zaal 2")
    chair.check("#id_split")
    bram = Person.objects.get(first_name="Bram")
    chair.check(f"#id_invite_{bram.public_id}_1")
    chair.get_by_role("button", name="Overleg plannen").click()
    audit(chair, "planning-refused-without-reason")
    expect(chair.locator("main")).to_contain_text("Niet uitnodigen kan alleen met een zwaarwegende reden")
    chair.fill(f"#id_reason_{bram.public_id}", "Te jong; de casusregisseur spreekt hem vooraf.")
    chair.get_by_role("button", name="Overleg plannen").click()
    expect(chair.locator("h1")).to_contain_text("MDA++-overleg")
    conference = Conference.objects.get()
    chair.select_option("#invite-user-user", str(cast.member.pk))
    chair.select_option("#invite-user-part", str(conference.parts.get(kind="closed").pk))
    chair.fill("#invite-user-reason", "Kent de strafzaak.")
    chair.get_by_role("button", name="Uitnodigen en agenda-item sturen").click()
    expect(chair.locator("#aan-tafel")).to_contain_text("Kent de strafzaak.")
    audit(chair, "planning-detail-chair")

    # The professional prepares: input per question and a score.
    member = new_page()
    login(member, cast.member)
    member.goto(f"/overleggen/{conference.public_id}/voorbereiding/")
    audit(member, "planning-prepare-member")
    first = prepare.questions(conference)[0].item
    member.fill(f"#text-{first.pk}", "Moeder is bang in de avonduren.")
    member.get_by_role("button", name="Inbreng opslaan").click()
    expect(member.locator(".ineen-messages")).to_contain_text("Uw inbreng is opgeslagen.")
    member.check("#score-value_3")
    member.fill("#score-justification", "Dreiging blijft, maar moeder heeft een veiligheidsplan.")
    member.get_by_role("button", name="Cijfer opslaan").click()
    expect(member.locator(".ineen-messages")).to_contain_text("Niemand ziet het vóór het overleg.")

    chair.goto(f"/overleggen/{conference.public_id}/voorbereiding/overzicht/")
    expect(chair.locator("#naast-elkaar")).to_contain_text("Moeder is bang in de avonduren.")
    expect(chair.locator("main")).not_to_contain_text("veiligheidsplan")  # the score stays hidden
    chair.fill("#summary-text", "De zorgen gaan vooral over de avonden.")
    chair.get_by_role("button", name="Samenvatting opslaan").click()
    audit(chair, "planning-overview-chair")
    member.goto(f"/overleggen/{conference.public_id}/voorbereiding/")
    expect(member.locator("#samenvatting")).to_contain_text("De zorgen gaan vooral over de avonden.")


def test_many_at_the_table_and_edit_page(new_page, cast, login, audit):
    from django.utils import timezone

    conference = schedule.schedule(
        case=cast.case,
        actor=cast.chair,
        kind="focus",
        phase="stable_safety",
        goal="Risico's op een rij.",
        starts_at=timezone.now() + timezone.timedelta(days=3),
        location="",
        online_url="https://meet.example/zvh",
    )
    for user in (cast.member, cast.director, cast.expert):
        schedule.invite_user(
            conference=conference, actor=cast.chair, part=conference.parts.get(), user=user, reason="Betrokken."
        )
    chair = new_page()
    login(chair, cast.chair)
    chair.goto(f"/overleggen/{conference.public_id}/")
    audit(chair, "planning-detail-online")
    chair.get_by_role("link", name="Tijd, plaats of onderdelen wijzigen").click()
    audit(chair, "planning-edit")
    chair.goto(f"/casussen/{cast.case.public_id}/")
    expect(chair.locator("#overleggen")).to_contain_text("Focusoverleg")
    audit(chair, "planning-case-page")
