"""Reminders (issue 10, acceptance 6): each rule reminds the right person, with a link and without case
content, only for open cases and running team memberships, and each reminder once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.cases import actions as case_actions
from ineen.conferences.models import PreparationInput
from ineen.plans.enums import ActionStatus
from ineen.reminders import rules
from ineen.reminders.models import SentReminder
from ineen.reminders.sending import send_due

from ..factories import CLOSURE_PLAN
from ..plans.conftest import bottom_line  # noqa: F401 -- a fixture
from .conftest import in_days, make_action, make_conference

pytestmark = pytest.mark.django_db


def sent(mailoutbox):
    """(recipient, subject) of every mail sent."""
    return sorted((m.to[0], m.subject) for m in mailoutbox)


def test_action_due_soon_to_its_owner_with_a_link_and_no_content(cast, mailoutbox):
    action = make_action(cast.case, cast.member, days=2, what="Huisbezoek bij moeder afleggen.")
    make_action(cast.case, cast.member, days=3)  # not yet
    result = send_due()
    assert result.sent == 1
    [mail] = mailoutbox
    assert mail.to == ["member@test.example"]
    assert mail.subject == "Herinnering: actie bijna klaar"
    assert f"/plan/#actie-{action.public_id}" in mail.body
    assert mail.body.startswith("Dit is een herinnering van Ineen.")
    assert cast.case.reference in mail.body
    due = action.due_on
    assert f"{due.day} " in mail.body and str(due.year) in mail.body
    for content in ("Huisbezoek", "Anna", "Test", action.reason, "Gezin"):
        assert content not in mail.body and content not in mail.subject


def test_overdue_action_to_owner_and_case_director(cast, mailoutbox):
    make_action(cast.case, cast.member, days=-1)
    make_action(cast.case, cast.member, days=-3, status=ActionStatus.DONE)  # done: nothing
    send_due()
    assert sent(mailoutbox) == [
        ("director@test.example", "Herinnering: actie over tijd in uw casus"),
        ("member@test.example", "Herinnering: actie over tijd"),
    ]


def test_overdue_action_of_the_director_reaches_them_once(cast, mailoutbox):
    make_action(cast.case, cast.director, days=-1)
    send_due()
    assert sent(mailoutbox) == [("director@test.example", "Herinnering: actie over tijd")]


def test_overdue_is_reminded_again_a_week_later(cast, mailoutbox):
    make_action(cast.case, cast.member, days=-1)
    today = timezone.localdate()
    assert send_due(today=today).sent == 2
    assert send_due(today=today + datetime.timedelta(days=3)).sent == 0
    assert send_due(today=today + datetime.timedelta(days=6)).sent == 2


def test_bottom_line_check_weekly_to_the_guardian(cast, bottom_line, mailoutbox):  # noqa: F811
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    assert send_due(today=monday).sent == 1
    assert send_due(today=monday + datetime.timedelta(days=4)).sent == 0  # same week
    assert send_due(today=monday + datetime.timedelta(days=7)).sent == 1
    assert {m.to[0] for m in mailoutbox} == {"member@test.example"}
    assert all(f"/casussen/{cast.case.public_id}/plan/" in m.body for m in mailoutbox)
    assert all(bottom_line.text not in m.body for m in mailoutbox)


def test_conference_coming_up_and_preparation_not_given(cast, upcoming, mailoutbox):
    PreparationInput.objects.create(
        conference=upcoming,
        item=rules_item(upcoming),
        author=cast.director,
        text="Mijn beeld.",
        source_organisation=cast.director.organisation,
    )
    send_due()
    assert sent(mailoutbox) == [
        ("director@test.example", "Herinnering: overleg binnenkort"),
        ("expert@test.example", "Herinnering: overleg binnenkort"),
        ("expert@test.example", "Herinnering: voorbereiding overleg"),
        ("member@test.example", "Herinnering: overleg binnenkort"),
        ("member@test.example", "Herinnering: voorbereiding overleg"),
    ]
    prepare = next(m for m in mailoutbox if m.subject.endswith("voorbereiding overleg"))
    assert f"/overleggen/{upcoming.public_id}/voorbereiding/" in prepare.body
    assert upcoming.goal not in prepare.body


def rules_item(conference):
    from ineen.conferences import prepare

    return prepare.questions(conference)[0].item


def test_preparation_asked_earlier_than_the_conference_reminder(cast, mailoutbox):
    make_conference(cast.case, cast.chair, [cast.member], starts_at=in_days(5))
    make_conference(cast.case, cast.chair, [cast.member], starts_at=in_days(9))  # too far ahead
    send_due()
    assert sent(mailoutbox) == [("member@test.example", "Herinnering: voorbereiding overleg")]


def test_nothing_for_a_closed_case(cast, bottom_line, upcoming, mailoutbox):  # noqa: F811
    make_action(cast.case, cast.member, days=-1)
    make_action(cast.case, cast.member, days=1)
    case_actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    assert send_due().sent == 0
    assert mailoutbox == []


def test_nothing_for_an_ended_membership_or_inactive_account(cast, mailoutbox):
    make_action(cast.case, cast.former, days=1)  # the cast's former member: membership ended
    make_action(cast.case, cast.expert, days=1)
    cast.expert.is_active = False
    cast.expert.save()
    result = send_due()
    assert (result.sent, result.not_allowed) == (0, 2)
    assert mailoutbox == []


def test_nothing_to_someone_outside_the_team(cast, mailoutbox):
    make_action(cast.case, cast.outsider, days=1)  # e.g. left over from before a team change
    assert send_due().sent == 0


def test_a_second_run_sends_nothing_new(cast, bottom_line, upcoming, mailoutbox):  # noqa: F811
    make_action(cast.case, cast.member, days=1)
    make_action(cast.case, cast.member, days=-2)
    first = send_due()
    count = len(mailoutbox)
    assert first.sent == count > 5
    second = send_due()
    assert (second.sent, second.already_sent) == (0, count)
    assert len(mailoutbox) == count
    assert SentReminder.objects.count() == count


def test_each_sent_reminder_is_audited_as_a_job(cast, mailoutbox):
    action = make_action(cast.case, cast.member, days=0)
    send_due()
    event = AuditEvent.objects.get(action="notify", purpose="reminder")
    assert (event.object_type, event.object_id) == ("plan_action", str(action.public_id))
    assert event.origin_channel == "job"
    assert event.household_id == str(cast.case.household.public_id)
    assert "action_due" in event.detail and "Huisbezoek" not in event.detail


def test_a_moved_due_date_is_reminded_again(cast, mailoutbox):
    action = make_action(cast.case, cast.member, days=1)
    assert send_due().sent == 1
    action.due_on += datetime.timedelta(days=1)
    action.save()
    assert send_due().sent == 1


def test_registered_rules_and_messages_match():
    kinds = {"action_due", "action_overdue", "action_overdue_director", "bottom_line_check"}
    kinds |= {"conference_upcoming", "preparation_missing", "plan_review_due", "plan_change_answer"}
    kinds |= {"escalation_overdue_manager", "escalation_overdue_raiser"}
    assert kinds <= set(rules.MESSAGES)
    assert all("{" not in m.subject for m in rules.MESSAGES.values())


def test_command_sends_and_prints_counts_only(cast, mailoutbox, capsys):
    make_action(cast.case, cast.member, days=1)
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert out.strip() == "reminders sent: 1, already sent: 0, not allowed: 0"
    call_command("send_reminders")
    assert "reminders sent: 0, already sent: 1" in capsys.readouterr().out
    assert len(mailoutbox) == 1


def test_command_enqueue_runs_the_task_through_the_tasks_framework(cast, mailoutbox, capsys):
    # In tests TASKS is the immediate backend: the enqueued job runs at once, through django.tasks.
    make_action(cast.case, cast.member, days=1)
    call_command("send_reminders", "--enqueue")
    assert "enqueued (SUCCESSFUL)" in capsys.readouterr().out
    assert len(mailoutbox) == 1
