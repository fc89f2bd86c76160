"""Issue 9: a prioritised brainstorm idea becomes a plan action in one step. The chair clicks "Maak hier
een actie van", picks an owner and a date, and the action is in the plan; what he typed elsewhere stays."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ineen.conferences import live
from ineen.conferences.models import Conference, Contribution
from ineen.plans.models import PlanAction
from tests.conferences.conftest import make_conference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _loaded(conference):
    return Conference.objects.select_related("case__household", "case__safety_house").get(pk=conference.pk)


def test_prioritised_idea_to_action_in_one_step(new_page, cast, login, audit):
    conference = make_conference(cast.case, cast.chair, [cast.director, cast.member, cast.expert])
    live.start(conference=_loaded(conference), actor=cast.chair)
    idea = live.add_contribution(conference=_loaded(conference), actor=cast.member, kind="offer", text="Gezinscoach.")
    live.set_priority(contribution=idea, actor=cast.chair, seen_version=idea.version, is_priority=True, horizon="long")
    page = new_page()
    login(page, cast.chair)
    page.goto(f"/overleggen/{conference.public_id}/werkruimte/?weergave=plan")
    page.click("#ws-bottom-line-form summary")
    page.fill("#ws-bottomline-text", "Half getypte bodemeis")
    page.click(f"#ws-offer-{idea.pk}")
    expect(page.locator("#ws-action-what")).to_have_value("Gezinscoach.")
    expect(page.locator("#ws-action-horizon")).to_have_value("long")
    expect(page.locator("#ws-bottomline-text")).to_have_value("Half getypte bodemeis")  # no lost typing
    page.locator("#ws-action-owner").select_option(index=1)
    page.fill("#ws-action-due_on", (timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.click("#ws-action-submit")
    expect(page.locator("#ws-actions")).to_contain_text("Gezinscoach.")
    expect(page.locator(f"#ws-offer-{idea.pk}")).to_have_count(0)
    expect(page.locator("#ws-bottomline-text")).to_have_value("Half getypte bodemeis")
    action = PlanAction.objects.get()
    assert Contribution.objects.get(pk=idea.pk).plan_action == action and action.horizon == "long"
    audit(page, "workspace-idea-action")
    assert page.ineen_errors == []
