"""Reminders for the work between meetings (ineen/reminders/rules_between.py): plan reviews due to the case
director, plan changes waiting for an answer to the partners who have not answered, and escalations past
their date without a result to the addressed manager and the raiser. Each once, with a link and no case
content; nothing for a closed case or for people outside the team."""

import datetime

import pytest
from django.utils import timezone

from ineen.accounts.models import RoleAssignment
from ineen.cases import actions as case_actions
from ineen.escalations import actions as escalation_actions
from ineen.escalations.models import Escalation
from ineen.plans import changes, progress
from ineen.reminders.sending import send_due

from ..factories import CLOSURE_PLAN
from .conftest import make_action

pytestmark = pytest.mark.django_db

REVIEW = "Herinnering: plan evalueren"
CHANGE = "Herinnering: reageer op een planwijziging"
MANAGER = "Herinnering: opschaling zonder resultaat"
RAISER = "Herinnering: uw opschaling heeft nog geen resultaat"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def sent(mailoutbox, subject):
    return sorted(m.to[0] for m in mailoutbox if m.subject == subject)


# --- plan reviews -------------------------------------------------------------------------------


def test_plan_review_due_to_the_case_director_once(cast, mailoutbox):
    assert send_due(today=days(7)).sent == 0  # six weeks after opening: not due yet
    due_day = days(7 * 7)
    send_due(today=due_day)
    assert sent(mailoutbox, REVIEW) == ["director@test.example"]
    [mail] = [m for m in mailoutbox if m.subject == REVIEW]
    assert f"/casussen/{cast.case.public_id}/plan/#evaluatie" in mail.body
    assert cast.case.household.name not in mail.body
    send_due(today=due_day + datetime.timedelta(days=1))
    assert len(sent(mailoutbox, REVIEW)) == 1  # once per due date


def test_a_recorded_review_starts_a_new_period(cast, mailoutbox):
    progress.record_review(case=cast.case, actor=cast.director, held_on=days(0), with_whom="Moeder", outcome="Goed")
    send_due(today=days(7 * 5))
    assert sent(mailoutbox, REVIEW) == []
    send_due(today=days(7 * 6))
    assert sent(mailoutbox, REVIEW) == ["director@test.example"]


def test_no_plan_review_reminder_for_a_closed_case(cast, mailoutbox):
    case_actions.close_case(case=cast.case, actor=cast.chair, reason="Klaar.", plan=CLOSURE_PLAN)
    send_due(today=days(7 * 7))
    assert sent(mailoutbox, REVIEW) == []


# --- plan changes -------------------------------------------------------------------------------


def _change(cast, respond_by):
    action = make_action(cast.case, cast.member, days=10, what="Huisbezoek bij moeder.")
    return changes.propose_change(
        case=cast.case,
        actor=cast.expert,
        kind="action_change",
        action=action,
        due_on=days(20),
        reason="Wachtlijst bij de traumahulp.",
        respond_by=respond_by,
    )


def test_plan_change_reminds_the_partners_who_have_not_answered_once(cast, mailoutbox):
    change = _change(cast, days(5))
    send_due()
    assert sent(mailoutbox, CHANGE) == []  # not near its date yet
    changes.respond_to_change(change=change, actor=cast.member, answer="agree")
    send_due(today=days(4))
    assert sent(mailoutbox, CHANGE) == ["director@test.example"]  # the member has answered
    [mail] = [m for m in mailoutbox if m.subject == CHANGE]
    assert f"#wijziging-{change.public_id}" in mail.body
    for content in ("Huisbezoek", "Wachtlijst", "traumahulp", cast.case.household.name):
        assert content not in mail.body
    send_due(today=days(5))
    assert len(sent(mailoutbox, CHANGE)) == 1


def test_no_plan_change_reminder_after_closure_or_outside_the_team(cast, mailoutbox):
    _change(cast, days(1))
    case_actions.close_case(case=cast.case, actor=cast.chair, reason="Klaar.", plan=CLOSURE_PLAN)
    send_due()
    assert sent(mailoutbox, CHANGE) == []


def test_no_plan_change_reminder_to_a_partner_who_left_the_team(cast, mailoutbox):
    _change(cast, days(1))
    cast.member.is_active = False
    cast.member.save()
    send_due()
    assert sent(mailoutbox, CHANGE) == ["director@test.example"]


# --- escalations --------------------------------------------------------------------------------


@pytest.fixture
def overdue_escalation(cast):
    escalation = escalation_actions.raise_escalation(
        case=cast.case,
        actor=cast.member,
        category="waiting_list",
        needed="Een plek bij de specialistische traumahulp.",
        needed_by=days(14),
        addressed_to=cast.manager,
        bridging_help="Wekelijks contact met de moeder.",
    )
    Escalation.objects.filter(pk=escalation.pk).update(needed_by=days(-1))
    escalation.refresh_from_db()
    return escalation


def test_escalation_past_its_date_to_manager_and_raiser_once(cast, overdue_escalation, mailoutbox):
    send_due()
    assert sent(mailoutbox, MANAGER) == ["manager@test.example"]
    assert sent(mailoutbox, RAISER) == ["member@test.example"]
    manager_mail = next(m for m in mailoutbox if m.subject == MANAGER)
    assert f"/opschalingen/{overdue_escalation.public_id}/" in manager_mail.body
    assert "/plan/" not in manager_mail.body  # the manager's own page, never the case
    for mail in mailoutbox:
        for content in ("traumahulp", "Wekelijks", cast.case.household.name):
            assert content not in mail.body
    send_due(today=days(1))
    assert len(mailoutbox) == 2


def test_no_escalation_reminder_once_answered_or_closed(cast, overdue_escalation, mailoutbox):
    escalation_actions.answer_escalation(
        escalation=overdue_escalation, actor=cast.manager, seen_version=1, status="resolved", result="Plek gevonden."
    )
    send_due()
    assert sent(mailoutbox, MANAGER) == sent(mailoutbox, RAISER) == []


def test_no_escalation_reminder_to_a_manager_who_lost_the_role(cast, overdue_escalation, mailoutbox):
    RoleAssignment.objects.filter(user=cast.manager).delete()
    send_due()
    assert sent(mailoutbox, MANAGER) == []
    assert sent(mailoutbox, RAISER) == ["member@test.example"]


def test_no_escalation_reminder_for_a_closed_case(cast, overdue_escalation, mailoutbox):
    case_actions.close_case(case=cast.case, actor=cast.chair, reason="Klaar.", plan=CLOSURE_PLAN)
    send_due()
    assert sent(mailoutbox, MANAGER) == sent(mailoutbox, RAISER) == []
