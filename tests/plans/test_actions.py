"""The plan's domain actions without HTTP: optimistic locking, carry-over chains, audit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.plans import actions
from ineen.plans.enums import ActionStatus
from ineen.plans.models import PlanAction

from .conftest import make_action


def later(days=10):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_update_action_bumps_the_version_and_audits(cast, action):
    updated = actions.update_action(
        action=action, actor=cast.member, seen_version=1, status="done", outcome="  Gelukt.  "
    )
    assert (updated.status, updated.outcome, updated.version) == ("done", "Gelukt.", 2)
    event = AuditEvent.objects.get(object_type="plan_action")
    assert (event.action, event.purpose, event.object_id) == ("update", "plan", str(action.public_id))
    assert event.household_id == str(cast.case.household.public_id)


def test_stale_update_is_a_conflict_with_the_current_row(cast, action):
    actions.update_action(action=action, actor=cast.member, seen_version=1, status="done", outcome="Eerste.")
    with pytest.raises(actions.Conflict) as caught:
        actions.update_action(action=action, actor=cast.director, seen_version=1, status="cancelled", outcome="Tweede.")
    assert caught.value.current.outcome == "Eerste."
    assert PlanAction.objects.get().outcome == "Eerste."
    assert AuditEvent.objects.filter(object_type="plan_action").count() == 1


@pytest.mark.parametrize("status", ["carried_over", "unknown", ""])
def test_update_refuses_other_statuses(cast, action, status):
    with pytest.raises(ValidationError) as caught:
        actions.update_action(action=action, actor=cast.member, seen_version=1, status=status)
    assert "status" in caught.value.error_dict


def test_outcome_has_a_limit(cast, action):
    with pytest.raises(ValidationError):
        actions.update_action(action=action, actor=cast.member, seen_version=1, status="done", outcome="x" * 4001)


def test_carry_over_makes_a_linked_copy(cast, action):
    successor = actions.carry_over_action(action=action, actor=cast.chair, seen_version=1, due_on=later())
    action.refresh_from_db()
    assert action.status == ActionStatus.CARRIED_OVER and action.version == 2
    assert successor.carried_over_from_id == action.pk
    assert (successor.what, successor.owner_id, successor.reason, successor.towards) == (
        action.what,
        action.owner_id,
        action.reason,
        action.towards,
    )
    assert successor.status == ActionStatus.OPEN and successor.due_on == later()
    assert AuditEvent.objects.filter(object_type="plan_action").count() == 2


def test_a_carried_over_action_is_closed(cast, action):
    actions.carry_over_action(action=action, actor=cast.chair, seen_version=1, due_on=later())
    action.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.update_action(action=action, actor=cast.chair, seen_version=2, status="done")
    with pytest.raises(ValidationError):
        actions.carry_over_action(action=action, actor=cast.chair, seen_version=2, due_on=later())


def test_carry_over_needs_a_date_from_today(cast, action):
    with pytest.raises(ValidationError) as caught:
        actions.carry_over_action(action=action, actor=cast.chair, seen_version=1, due_on=later(-1))
    assert "due_on" in caught.value.error_dict


def test_stale_carry_over_is_a_conflict(cast, action):
    actions.update_action(action=action, actor=cast.member, seen_version=1, status="open", outcome="Bezig.")
    with pytest.raises(actions.Conflict):
        actions.carry_over_action(action=action, actor=cast.chair, seen_version=1, due_on=later())
    assert PlanAction.objects.count() == 1


def test_carry_over_depth_follows_the_chain(cast):
    first = make_action(cast.case, cast.member)
    second = actions.carry_over_action(action=first, actor=cast.chair, seen_version=1, due_on=later())
    third = actions.carry_over_action(action=second, actor=cast.chair, seen_version=1, due_on=later(20))
    by_pk = {a.pk: a for a in PlanAction.objects.all()}
    assert [actions.carry_over_depth(by_pk[a.pk], by_pk) for a in (first, second, third)] == [0, 1, 2]
