"""The path of a household through Ineen, in the browser (issue acceptance point 10):

1. a professional refers a household via /aanmelden/ (two members, the second added with JS);
2. the chair opens it from the dashboard, prepares the triage, accepts it for MDA++, assigns a case
   director and adds a team member;
3. a professional outside the team cannot find or open the case.

Every page visited is checked with axe-core (0 violations) and screenshotted to /tmp/ineen-shots/.
"""

import re

import pytest
from playwright.sync_api import expect

from ineen.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOUSEHOLD = "Gezin Bakker-Öztürk"


def refer_household(page, audit, name=HOUSEHOLD):
    """Fill in /aanmelden/ as the logged-in professional; returns on the referral status page."""
    page.goto("/aanmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Huishouden aanmelden")
    audit(page, "referral-form")
    page.fill("#id_household_name", name)
    page.fill("#id_postcode_area", "2511")
    page.fill("#id_person-0-first_name", "Lisa")
    page.fill("#id_person-0-last_name", "Bakker")
    page.fill("#id_person-0-birth_year", "1988")
    expect(page.locator("#id_person-0-relationship option").first).to_have_text("— maak een keuze —")
    page.select_option("#id_person-0-relationship", "parent")

    # The second member comes from the <template>, cloned by ineen.js; focus moves into it.
    page.get_by_role("button", name="Nog een gezinslid toevoegen").click()
    expect(page.locator("#id_person-TOTAL_FORMS")).to_have_value("2")
    expect(page.locator("#id_person-1-first_name")).to_be_focused()
    expect(page.locator("#people legend").nth(1)).to_have_text("Gezinslid 2")
    page.fill("#id_person-1-first_name", "Noah")
    page.fill("#id_person-1-last_name", "Öztürk")
    page.fill("#id_person-1-birth_year", "2016")
    page.select_option("#id_person-1-relationship", "child")
    audit(page, "referral-form-two-members")

    page.fill("#id_summary", "Herhaald huiselijk geweld; politie is drie keer geweest.")
    page.fill("#id_needs", "Eén plan voor het hele gezin.")
    page.get_by_label("Eerder geweld").check()
    page.get_by_label("(Recente) scheiding").check()
    page.fill("#id_clients_view", "Moeder wil rust voor Noah.")
    page.get_by_role("radio", name="Ja").check()
    page.get_by_role("button", name="Controleren en versturen").click()

    page.wait_for_url(re.compile(r"/aanmeldingen/[0-9a-f-]{36}/$"))
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("De aanmelding is verstuurd")
    expect(page.locator("dl")).to_contain_text(name)
    expect(page.locator("dl")).to_contain_text("Aangemeld")
    audit(page, "referral-status")
    return page


def test_referral_triage_team_and_outsider(new_page, cast, login, audit):
    # 1. The professional refers the household.
    referrer = login(new_page(), cast.member, check=True)
    audit(referrer, "dashboard-professional")
    refer_household(referrer, audit)
    case = Case.objects.get(household__name=HOUSEHOLD)
    assert case.state == "referred"
    assert sorted(case.household.members.values_list("first_name", flat=True)) == ["Lisa", "Noah"]
    assert case.referral.referrer == cast.member
    assert set(case.referral.risk_factors) == {"earlier_violence", "separation"}

    # 2. The chair finds it on the dashboard and opens the triage page.
    chair = login(new_page(), cast.chair)
    queue = chair.locator("section", has=chair.get_by_role("heading", name="Aanmeldingen voor het weegoverleg"))
    expect(queue).to_contain_text(HOUSEHOLD)
    audit(chair, "dashboard-chair")
    queue.get_by_role("link", name=case.reference).click()
    chair.wait_for_url(f"**/casussen/{case.public_id}/weegoverleg/")
    expect(chair.get_by_role("heading", level=1)).to_contain_text(HOUSEHOLD)
    expect(chair.locator("main")).to_contain_text("Noah Öztürk")
    audit(chair, "triage")

    chair.fill("#id_scheduled_for", "2030-03-04T10:00")
    chair.fill("#id_participants", "Procesregisseur, Veilig Thuis, wijkteam")
    chair.fill("#id_preparation", "Politie en Veilig Thuis brengen informatie in.")
    chair.get_by_role("button", name="Voorbereiding opslaan").click()
    expect(chair.locator(".utrecht-alert--ok")).to_contain_text("voorbereiding")
    expect(chair.locator("main .utrecht-status-badge").first).to_have_text("In weegoverleg")
    audit(chair, "triage-prepared")

    decision = chair.locator("form", has=chair.get_by_role("button", name="Besluit vastleggen"))
    decision.get_by_role("button", name="Besluit vastleggen").click()  # empty: errors, still accessible
    expect(chair.locator(".errorlist").first).to_be_visible()
    audit(chair, "triage-errors")
    decision = chair.locator("form", has=chair.get_by_role("button", name="Besluit vastleggen"))
    decision.get_by_label("Oppakken", exact=True).check()
    decision.get_by_label("Route").select_option("mda")
    decision.get_by_label("Redenen voor dit besluit").fill("Langdurig geweld met kinderen in huis.")
    decision.get_by_label("De cliënten zijn of worden over het besluit geïnformeerd").check()
    decision.get_by_role("button", name="Besluit vastleggen").click()
    chair.wait_for_url(f"**/casussen/{case.public_id}/")
    expect(chair.locator(".utrecht-alert--ok")).to_contain_text("Het besluit is vastgelegd")
    audit(chair, "case-detail-accepted")

    # Case director.
    chair.get_by_role("link", name="Casusregisseur aanwijzen").click()
    chair.wait_for_url(f"**/casussen/{case.public_id}/casusregisseur/")
    audit(chair, "case-director")
    chair.get_by_label("Nieuwe casusregisseur").select_option(str(cast.director.pk))
    chair.get_by_label("Warme overdracht").fill("Moeder is bereikbaar na 15 uur.")
    chair.get_by_role("button", name="Vastleggen").click()
    chair.wait_for_url(f"**/casussen/{case.public_id}/")

    # Team member.
    chair.get_by_role("link", name="Teamlid toevoegen").click()
    chair.wait_for_url(f"**/casussen/{case.public_id}/team/toevoegen/")
    audit(chair, "team-add")
    chair.get_by_label("Persoon").select_option(str(cast.expert.pk))
    chair.get_by_label("Rol in de casus").select_option("expert")
    chair.get_by_role("button", name="Toevoegen").click()
    chair.wait_for_url(f"**/casussen/{case.public_id}/")

    header = chair.locator(".ineen-case-header")
    expect(header.locator(".utrecht-status-badge").nth(0)).to_have_text("Actief")
    expect(header.locator(".utrecht-status-badge").nth(1)).to_have_text("MDA++")
    regie = chair.locator("#regie")
    expect(regie).to_contain_text(f"Casusregisseur: {cast.director.get_full_name()}")
    team = regie.locator("table tbody tr")
    expect(team).to_have_count(2)
    expect(team.filter(has_text=cast.director.get_full_name())).to_contain_text("Casusregisseur")
    expect(team.filter(has_text=cast.expert.get_full_name())).to_contain_text("Materiedeskundige")
    audit(chair, "case-detail")
    case.refresh_from_db()
    assert (case.state, case.route) == ("active", "mda")

    # The referrer (not in the team) sees the decision on the status page, but not the case.
    referrer.reload()
    expect(referrer.locator("dl")).to_contain_text("Oppakken — MDA++")
    expect(referrer.get_by_role("link", name="Naar de casus")).to_have_count(0)

    # The new team member finds the case on their dashboard.
    expert = login(new_page(), cast.expert)
    expect(expert.locator("main")).to_contain_text(HOUSEHOLD)

    # 3. A professional from an organisation outside the team cannot find or open it.
    outsider = login(new_page(), cast.outsider)
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    expect(outsider.locator("main")).not_to_contain_text(HOUSEHOLD)
    expect(outsider.locator("main")).not_to_contain_text(case.reference)
    response = outsider.goto(f"/casussen/{case.public_id}/")
    assert response.status == 404
    expect(outsider.locator("body")).not_to_contain_text(HOUSEHOLD)
    for url in ("/casussen/", f"/casussen/?q={HOUSEHOLD}", "/casussen/?q=Noah", f"/casussen/?q={case.reference}"):
        response = outsider.goto(url)
        assert response.status == 200
        expect(outsider.locator("#results")).to_contain_text("0 casussen")
        expect(outsider.locator("main")).not_to_contain_text(HOUSEHOLD)
    for url in (
        f"/casussen/{case.public_id}/weegoverleg/",
        f"/casussen/{case.public_id}/team/toevoegen/",
        f"/casussen/{case.public_id}/huishouden/incident/toevoegen/",
        f"/aanmeldingen/{case.referral.public_id}/",
    ):
        assert outsider.goto(url).status == 404, url
