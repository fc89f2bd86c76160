"""Domain tests of escalation and bottom-line breaches (ineen/escalations/actions.py)."""

import pytest
from django.core.exceptions import ValidationError

from ineen.audit.models import AuditEvent
from ineen.escalations import actions
from ineen.escalations.models import BottomLineBreach
from ineen.plans.enums import ActionStatus, BottomLineStatus
from tests.factories import Role, make_user

from .conftest import in_days


def _breach(line, actor, owner, **kwargs):
    line.refresh_from_db()
    return actions.record_breach(
        bottom_line=line,
        actor=actor,
        seen_version=kwargs.pop("seen_version", line.version),
        occurred_on=kwargs.pop("occurred_on", in_days(0)),
        what_happened=kwargs.pop("what_happened", "Vader was dronken en sloeg."),
        owner=owner,
        due_on=kwargs.pop("due_on", in_days(1)),
        **kwargs,
    )


def test_raise_addresses_a_manager_and_mails_a_link_only(cast, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        e = actions.raise_escalation(
            case=cast.case,
            actor=cast.member,
            category="no_mandate",
            needed="Mandaat voor extra uren.",
            needed_by=in_days(7),
            addressed_to=cast.manager,
        )
    assert e.organisation == cast.manager.organisation and e.status == "open"
    assert AuditEvent.objects.filter(object_type="escalation", object_id=str(e.public_id), action="create").exists()
    assert [m.to for m in mailoutbox] == [[cast.manager.email]]
    body = mailoutbox[0].body
    assert str(e.public_id) in body and "Mandaat" not in body and "Gezin" not in body


def test_raise_refuses_someone_who_is_no_manager(cast):
    with pytest.raises(ValidationError) as err:
        actions.raise_escalation(
            case=cast.case,
            actor=cast.member,
            category="waiting_list",
            needed="Plek.",
            needed_by=in_days(7),
            addressed_to=cast.outsider,
        )
    assert "addressed_to" in err.value.error_dict


def test_raise_refuses_a_past_date_and_empty_need(cast):
    with pytest.raises(ValidationError):
        actions.raise_escalation(
            case=cast.case,
            actor=cast.member,
            category="other",
            needed=" ",
            needed_by=in_days(3),
            addressed_to=cast.manager,
        )
    with pytest.raises(ValidationError):
        actions.raise_escalation(
            case=cast.case,
            actor=cast.member,
            category="other",
            needed="x",
            needed_by=in_days(-1),
            addressed_to=cast.manager,
        )


def test_manager_answers_to_a_result(escalation, cast):
    e = actions.answer_escalation(escalation=escalation, actor=cast.manager, seen_version=1, status="in_progress")
    assert e.status == "in_progress" and e.resolved_on is None
    with pytest.raises(ValidationError):  # a result needs its text
        actions.answer_escalation(escalation=e, actor=cast.manager, seen_version=e.version, status="resolved")
    e = actions.answer_escalation(
        escalation=e, actor=cast.manager, seen_version=e.version, status="resolved", result="Plek per 1 februari."
    )
    assert e.status == "resolved" and e.resolved_on == in_days(0) and e.result == "Plek per 1 februari."


def test_stale_answer_is_a_conflict_and_overwrites_nothing(escalation, cast):
    actions.answer_escalation(escalation=escalation, actor=cast.manager, seen_version=1, status="in_progress")
    with pytest.raises(actions.Conflict) as err:
        actions.answer_escalation(
            escalation=escalation, actor=cast.manager, seen_version=1, status="not_resolved", result="Nee."
        )
    assert err.value.current.status == "in_progress"


def test_breach_is_kept_each_time_and_starts_the_consequence(
    bottom_line, cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _breach(bottom_line, cast.member, cast.member)
    bottom_line.refresh_from_db()
    assert bottom_line.status == BottomLineStatus.BREACHED
    action = first.consequence
    assert action.what == bottom_line.on_breach and action.owner == cast.member and action.status == ActionStatus.OPEN
    # director and chair are told (a link, no content); the member who recorded it is not
    assert sorted(mailoutbox[0].to) == sorted([cast.chair.email, cast.director.email])
    assert "dronken" not in mailoutbox[0].body and bottom_line.text not in mailoutbox[0].body
    second = _breach(bottom_line, cast.director, cast.expert, barrier="waiting_list")
    assert BottomLineBreach.objects.filter(bottom_line=bottom_line).count() == 2
    assert second.consequence.owner == cast.expert and second.barrier == "waiting_list"
    assert AuditEvent.objects.filter(object_type="bottom_line_breach").count() == 2


def test_breach_owner_must_be_in_the_team(bottom_line, cast):
    with pytest.raises(ValidationError) as err:
        _breach(bottom_line, cast.member, cast.outsider)
    assert "owner" in err.value.error_dict
    with pytest.raises(ValidationError):
        _breach(bottom_line, cast.member, cast.former)
    assert not BottomLineBreach.objects.exists()


def test_breach_on_a_stale_version_is_a_conflict(bottom_line, cast):
    _breach(bottom_line, cast.member, cast.member)
    with pytest.raises(actions.Conflict):
        _breach(bottom_line, cast.member, cast.member, seen_version=1)
    assert BottomLineBreach.objects.count() == 1


def test_breach_refuses_a_future_date_and_an_unknown_barrier(bottom_line, cast):
    with pytest.raises(ValidationError):
        _breach(bottom_line, cast.member, cast.member, occurred_on=in_days(1))
    with pytest.raises(ValidationError):
        _breach(bottom_line, cast.member, cast.member, barrier="other")


def test_escalation_managers_are_of_the_house_with_an_organisation(cast):
    from ineen.access import policy

    elsewhere = make_user(cast.other_house, Role.MANAGER, email="m2@test.example")
    managers = set(policy.escalation_managers(cast.house))
    assert cast.manager in managers and elsewhere not in managers and cast.chair not in managers
