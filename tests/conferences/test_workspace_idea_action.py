"""A prioritised brainstorm idea becomes a plan action in one step ("Maak hier een actie van"): offered
to the chair only while the meeting runs, prefilled, linked on save, then no longer offered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.conferences import live
from ineen.conferences.models import Contribution
from ineen.plans.models import PlanAction

HTMX = {"HX-Request": "true"}


def url(name, conference):
    return reverse(f"conferences:{name}", kwargs={"public_id": conference.public_id})


@pytest.fixture
def idea(cast, conference):
    live.start(conference=conference, actor=cast.chair)
    item = live.add_contribution(conference=conference, actor=cast.member, kind="offer", text="Buurtgezinnen inzetten.")
    return live.set_priority(contribution=item, actor=cast.chair, seen_version=item.version, is_priority=True)


def _post(cast, idea, **extra):
    owner = cast.case.team.get(user=cast.member)
    return {
        "what": idea.text,
        "owner": owner.public_id,
        "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "action_type": "action",
        "towards": "family",
        "horizon": "short",
        "idea": idea.public_id,
        "weergave": "plan",
        **extra,
    }


def test_chair_is_offered_the_idea_and_makes_an_action_of_it(cast, conference, idea, client_for):
    client = client_for(cast.chair)
    plan = client.get(url("workspace", conference) + "?weergave=plan").content.decode()
    assert "Maak hier een actie van" in plan and f"idee={idea.public_id}" in plan
    filled = client.get(url("workspace", conference) + f"?weergave=plan&idee={idea.public_id}").content.decode()
    assert 'name="idea" value="' + str(idea.public_id) in filled
    assert "Buurtgezinnen inzetten.</textarea>" in filled
    response = client.post(url("workspace_action", conference), _post(cast, idea), headers=HTMX)
    assert response.status_code == 200
    action = PlanAction.objects.get()
    idea.refresh_from_db()
    assert idea.plan_action == action and idea.version == 3
    assert (
        AuditEvent.objects.filter(object_type="contribution", object_id=str(idea.public_id), action="update").count()
        == 2
    )
    again = client.get(url("workspace", conference) + "?weergave=plan").content.decode()
    assert "Maak hier een actie van" not in again
    # Twice (another tab): refused with a Dutch message, nothing saved, the text kept.
    second = client.post(url("workspace_action", conference), _post(cast, idea), headers=HTMX)
    assert second.status_code == 400
    assert "Van dit idee kan geen actie (meer)" in second.content.decode()
    assert "Buurtgezinnen inzetten." in second.content.decode()
    assert PlanAction.objects.count() == 1


def test_only_the_chair_links_an_idea(cast, conference, idea, client_for):
    member = client_for(cast.member)
    assert "Maak hier een actie van" not in member.get(url("workspace", conference) + "?weergave=plan").content.decode()
    prefill = member.get(url("workspace", conference) + f"?weergave=plan&idee={idea.public_id}").content.decode()
    assert 'name="idea" value="' + str(idea.public_id) not in prefill
    response = member.post(url("workspace_action", conference), _post(cast, idea))
    assert response.status_code == 400
    assert PlanAction.objects.count() == 0
    assert Contribution.objects.get(pk=idea.pk).plan_action is None


def test_not_offered_before_the_meeting_runs_or_when_not_a_priority(cast, conference, client_for):
    item = live.add_contribution(conference=conference, actor=cast.member, kind="offer", text="Nog niet begonnen.")
    live.set_priority(contribution=item, actor=cast.chair, seen_version=item.version, is_priority=True)
    client = client_for(cast.chair)
    assert "Maak hier een actie van" not in client.get(url("workspace", conference) + "?weergave=plan").content.decode()
    live.start(conference=conference, actor=cast.chair)
    other = live.add_contribution(conference=conference, actor=cast.member, kind="offer", text="Geen prioriteit.")
    page = client.get(url("workspace", conference) + "?weergave=plan").content.decode()
    assert f"idee={item.public_id}" in page and f"idee={other.public_id}" not in page


def test_domain_links_once_and_refuses_a_non_priority(cast, conference, idea):
    owner = cast.case.team.get(user=cast.member)
    due = timezone.localdate() + datetime.timedelta(days=3)
    first = live.add_plan_action(conference=conference, actor=cast.chair, owner=owner, what="a", due_on=due, idea=idea)
    assert Contribution.objects.get(pk=idea.pk).plan_action == first
    with pytest.raises(live.Conflict):  # a stale copy of the idea: someone was first
        live.add_plan_action(conference=conference, actor=cast.chair, owner=owner, what="b", due_on=due, idea=idea)
    assert PlanAction.objects.count() == 1  # the second action was rolled back with the refusal
    plain = live.add_contribution(conference=conference, actor=cast.member, kind="offer", text="Geen prioriteit.")
    with pytest.raises(ValidationError):
        live.add_plan_action(conference=conference, actor=cast.chair, owner=owner, what="c", due_on=due, idea=plain)
