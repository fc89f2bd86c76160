"""A case director's week between meetings (issue 10, acceptance 11), in the browser: Mijn werk shows an
overdue action, its link leads to the plan, the director records progress and proposes another date for
an action of a professional; the professional sees the change waiting on Mijn werk and agrees; the
director reads in "Geschiedenis van het plan" what changed, who proposed and who agreed."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ineen.plans.enums import ChangeState
from ineen.plans.models import ActionProgress, PlanChange

from ..plans.conftest import make_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/accounts/**")


def test_a_case_directors_week(new_page, cast, login, audit):
    overdue = make_action(cast.case, cast.director, days=-3, what="Gesprek met de school plannen.")
    theirs = make_action(cast.case, cast.member, days=5, what="Huisbezoek bij moeder afleggen.")
    new_date = timezone.localdate() + datetime.timedelta(days=21)

    # Monday: the director sees the overdue action on Mijn werk and follows its link to the plan.
    page = new_page()
    login(page, cast.director)
    page.goto("/")
    link = page.locator(f'main a[href$="#actie-{overdue.public_id}"]').first
    expect(link).to_contain_text("Gesprek met de school plannen.")
    link.click()
    page.wait_for_url(f"**/casussen/{cast.case.public_id}/plan/**")
    card = page.locator(f"#actie-{overdue.public_id}")
    expect(card).to_contain_text("Te laat")

    # Progress on it.
    # The forms open inside the card (htmx); the focus moves to them.
    card.get_by_role("link", name="Voortgang, status of datum bijwerken").click()
    expect(card.locator("h4[tabindex='-1']")).to_be_focused()
    card.locator("summary").filter(has_text="Voortgang vastleggen").click()
    page.fill(f"#progress-{overdue.pk}-text", "De school gebeld; het gesprek is volgende week.")
    page.click(f"#progress-{overdue.pk}-submit")
    expect(page.locator(f"#actie-{overdue.public_id}")).to_contain_text("De school gebeld")
    assert ActionProgress.objects.filter(action=overdue, author=cast.director).count() == 1

    # A change: another date for the professional's action.
    page.get_by_role("link", name="Wijziging voorstellen").click()
    page.check("input[name=kind][value=action_change]")
    page.select_option("select[name=action]", str(theirs.public_id))
    page.fill("input[name=due_on]", new_date.isoformat())
    page.fill("textarea[name=reason]", "De moeder is drie weken weg.")
    page.get_by_role("button", name="Voorstel versturen").click()
    page.wait_for_url(f"**/casussen/{cast.case.public_id}/plan/**")
    change = PlanChange.objects.get()
    expect(page.locator(f"#wijziging-{change.public_id}")).to_contain_text("Wacht op")
    logout(page)

    # The professional (a required partner) sees it waiting on Mijn werk and agrees.
    page = new_page()
    login(page, cast.member)
    page.goto("/")
    waiting = page.locator(f'main a[href$="#wijziging-{change.public_id}"]').first
    expect(waiting).to_be_visible()
    waiting.click()
    page.wait_for_url(f"**/casussen/{cast.case.public_id}/plan/**")
    page.locator(f"#wijziging-{change.public_id} input[name=answer][value=agree]").check()
    page.click(f"#respond-{change.pk}-submit")
    page.wait_for_url(f"**/casussen/{cast.case.public_id}/plan/**")
    assert PlanChange.objects.get().state == ChangeState.APPLIED
    logout(page)

    # The director reads the plan's history: what changed, who proposed, who agreed.
    page = new_page()
    login(page, cast.director)
    page.goto(f"/casussen/{cast.case.public_id}/plan/")
    history = page.locator("#geschiedenis")
    expect(history).to_contain_text("Andere eigenaar of datum")
    expect(history).to_contain_text(f"Voorgesteld door {cast.director.get_full_name()}")
    expect(history).to_contain_text(cast.member.get_full_name())
    expect(history).to_contain_text("De moeder is drie weken weg.")
    audit(page, "director-week-history")
