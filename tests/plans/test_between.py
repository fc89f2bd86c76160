"""Between the meetings, without HTTP: progress notes, plan changes with agreement and history, the plan
review cadence, and the Mijn werk items of the plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.plans import changes, progress, queries, work
from ineen.plans.enums import ActionStatus, ChangeState
from ineen.plans.models import ActionProgress, BottomLine, PlanAction, PlanChange, PlanReview

from ..factories import Role, make_user
from .conftest import make_action


def later(days=10):
    return timezone.localdate() + datetime.timedelta(days=days)


# --- progress -------------------------------------------------------------------------------------


def test_progress_note_is_appended_and_audited(cast, action):
    progress.record_progress(action=action, actor=cast.member, text="School gebeld.")
    progress.record_progress(action=action, actor=cast.director, text="Moeder gesproken.")
    assert list(ActionProgress.objects.values_list("text", flat=True)) == ["School gebeld.", "Moeder gesproken."]
    action.refresh_from_db()
    assert (action.status, action.version) == ("open", 1)  # a note alone changes nothing that can be overwritten
    assert AuditEvent.objects.filter(object_type="action_progress").count() == 2


def test_progress_can_close_the_action_with_its_outcome(cast, action):
    progress.record_progress(action=action, actor=cast.member, text="Gedaan.", status_change="done", seen_version=1)
    action.refresh_from_db()
    assert (action.status, action.outcome, action.version) == ("done", "Gedaan.", 2)
    assert ActionProgress.objects.get().status_change == "done"


def test_dropping_needs_a_reason_and_a_fresh_version(cast, action):
    with pytest.raises(ValidationError):
        progress.record_progress(action=action, actor=cast.member, text="  ", status_change="cancelled", seen_version=1)
    progress.record_progress(action=action, actor=cast.chair, text="Ander plan.", status_change="", seen_version=1)
    PlanAction.objects.filter(pk=action.pk).update(version=2)
    with pytest.raises(progress.Conflict) as caught:
        progress.record_progress(
            action=action, actor=cast.member, text="Niet meer nodig.", status_change="cancelled", seen_version=1
        )
    assert caught.value.current.version == 2
    assert ActionProgress.objects.count() == 1  # the refused note is not half-saved


def test_summary_counts_the_plan_at_a_glance(cast):
    make_action(cast.case, cast.member)
    make_action(cast.case, cast.member, days=-3)
    make_action(cast.case, cast.member, status=ActionStatus.DONE)
    old = make_action(cast.case, cast.member, status=ActionStatus.CARRIED_OVER)
    make_action(cast.case, cast.member, carried_over_from=old, towards="professionals")
    open_rows, closed_rows = queries.actions(cast.case)
    s = queries.summary(open_rows, closed_rows)
    assert (s["on_track"], s["overdue"], s["done"], s["carried_over"]) == (2, 1, 1, 1)
    assert (s["family"], s["professionals"]) == (3, 1)


# --- plan changes ---------------------------------------------------------------------------------


def test_change_waits_for_the_owner_and_the_director_then_applies(cast, action):
    change = changes.propose_change(
        case=cast.case, actor=cast.expert, kind="action_change", action=action, due_on=later(20), reason="Wachtlijst."
    )
    assert change.state == ChangeState.OPEN
    assert set(change.responses.values_list("partner_id", flat=True)) == {cast.member.pk, cast.director.pk}
    assert change.respond_by == changes.default_respond_by()
    changes.respond_to_change(change=change, actor=cast.member, answer="agree")
    action.refresh_from_db()
    assert action.due_on != later(20)  # not yet: the director has not answered
    result = changes.respond_to_change(change=change, actor=cast.director, answer="agree")
    action.refresh_from_db()
    assert result.state == ChangeState.APPLIED and action.due_on == later(20) and action.version == 2
    _open, history = queries.plan_changes(cast.case)
    assert [c.pk for c in history] == [change.pk]
    assert history[0].rows[0][0] == "Wanneer klaar"
    assert {r.partner_id for r in history[0].agreed} == {cast.member.pk, cast.director.pk}


def test_an_objection_keeps_the_plan_and_goes_to_the_conference(cast, action):
    change = changes.propose_change(
        case=cast.case, actor=cast.director, kind="drop_action", action=action, reason="Niet meer nodig."
    )
    with pytest.raises(ValidationError):
        changes.respond_to_change(change=change, actor=cast.member, answer="object")  # needs a comment
    changes.respond_to_change(change=change, actor=cast.member, answer="object", comment="Wel nodig.")
    action.refresh_from_db()
    assert action.status == "open"
    open_rows, _history = queries.plan_changes(cast.case)
    assert open_rows[0].state == ChangeState.OBJECTED and open_rows[0].to_conference


def test_no_answer_by_the_deadline_is_never_applied(cast, action):
    change = changes.propose_change(
        case=cast.case, actor=cast.expert, kind="drop_action", action=action, reason="Niet meer nodig."
    )
    open_rows, _ = queries.plan_changes(cast.case, today=change.respond_by + datetime.timedelta(days=1))
    assert open_rows[0].overdue and open_rows[0].to_conference
    assert PlanChange.objects.get().state == ChangeState.OPEN


def test_only_required_partners_answer_once(cast, action):
    change = changes.propose_change(
        case=cast.case, actor=cast.expert, kind="drop_action", action=action, reason="Niet meer nodig."
    )
    with pytest.raises(ValidationError):
        changes.respond_to_change(change=change, actor=cast.chair, answer="agree")
    changes.respond_to_change(change=change, actor=cast.member, answer="agree")
    with pytest.raises(ValidationError):
        changes.respond_to_change(change=change, actor=cast.member, answer="object", comment="Toch niet.")


def test_a_change_on_a_row_changed_meanwhile_is_not_applied(cast, action):
    change = changes.propose_change(
        case=cast.case, actor=cast.expert, kind="action_change", action=action, due_on=later(20), reason="Later."
    )
    progress.record_progress(action=action, actor=cast.member, text="Al gedaan.", status_change="done", seen_version=1)
    changes.respond_to_change(change=change, actor=cast.member, answer="agree")
    result = changes.respond_to_change(change=change, actor=cast.director, answer="agree")
    action.refresh_from_db()
    assert result.state == ChangeState.OUTDATED and action.status == "done" and action.due_on != later(20)


def test_new_action_and_bottom_line_changes(cast, bottom_line):
    new = changes.propose_change(
        case=cast.case,
        actor=cast.director,
        kind="new_action",
        what="Gezinscoach inzetten.",
        owner=cast.director,
        due_on=later(14),
        towards="family",
        reason="Opvoedvragen.",
    )
    assert new.state == ChangeState.APPLIED  # the director is the only partner, and proposed it
    assert PlanAction.objects.get(what="Gezinscoach inzetten.").reason == "Opvoedvragen."
    line = changes.propose_change(
        case=cast.case,
        actor=cast.member,
        kind="bottom_line",
        bottom_line=bottom_line,
        text="Geen geweld, ook niet buiten.",
        guardian=cast.expert,
        reason="Scherper.",
    )
    assert set(line.responses.filter(answer="").values_list("partner_id", flat=True)) == {
        cast.director.pk,
        cast.expert.pk,
    }
    changes.respond_to_change(change=line, actor=cast.expert, answer="agree")
    changes.respond_to_change(change=line, actor=cast.director, answer="agree")
    bottom_line.refresh_from_db()
    assert (bottom_line.text, bottom_line.guardian_id) == ("Geen geweld, ook niet buiten.", cast.expert.pk)


@pytest.mark.parametrize(
    ("kind", "fields", "error"),
    [
        ("new_action", {"what": "", "towards": "family", "due_on": later()}, "what"),
        ("new_action", {"what": "X", "towards": "family", "due_on": later(-1)}, "due_on"),
        ("action_change", {}, "owner"),
        ("bottom_line", {}, "text"),
        ("unknown", {}, "kind"),
    ],
)
def test_bad_proposals_are_refused(cast, action, bottom_line, kind, fields, error):
    if kind == "new_action":
        fields["owner"] = cast.member
    with pytest.raises(ValidationError) as caught:
        changes.propose_change(
            case=cast.case, actor=cast.member, kind=kind, action=action, bottom_line=bottom_line, reason="R.", **fields
        )
    assert error in caught.value.error_dict
    assert not PlanChange.objects.exists()


def test_an_outsider_cannot_become_owner(cast, action):
    with pytest.raises(ValidationError):
        changes.propose_change(
            case=cast.case, actor=cast.member, kind="action_change", action=action, owner=cast.outsider, reason="R."
        )


def test_working_days_skip_the_weekend():
    friday = datetime.date(2026, 12, 4)
    assert changes.working_days_later(friday, 5) == datetime.date(2026, 12, 11)


# --- reviews --------------------------------------------------------------------------------------


def test_review_cadence_and_due_date(cast):
    progress.set_review_cadence(case=cast.case, actor=cast.director, weeks=2)
    opened = timezone.localtime(cast.case.opened_at).date()
    state = queries.reviews(cast.case, today=opened + datetime.timedelta(weeks=2))
    assert state["weeks"] == 2 and state["is_due"]
    progress.record_review(
        case=cast.case, actor=cast.director, held_on=timezone.localdate(), with_whom="Moeder.", outcome="Goed."
    )
    state = queries.reviews(cast.case)
    assert not state["is_due"] and state["held"][0]["with_whom"] == "Moeder."
    with pytest.raises(ValidationError):
        progress.set_review_cadence(case=cast.case, actor=cast.director, weeks=0)
    with pytest.raises(ValidationError):
        progress.record_review(case=cast.case, actor=cast.director, held_on=later(1), with_whom="X", outcome="Y")
    assert PlanReview.objects.count() == 1


# --- Mijn werk ------------------------------------------------------------------------------------


def test_work_items_per_section(cast, action):
    make_action(cast.case, cast.member, days=-2, what="Te laat.")
    changes.propose_change(
        case=cast.case, actor=cast.expert, kind="drop_action", action=action, reason="Niet meer nodig."
    )
    mine = work.work_items(cast.member)
    # my own actions are ineen/web/my_work.py's section; the plan app adds what waits for my answer
    assert [i.section for i in mine] == ["plan_changes"]
    assert mine[0].case_reference == cast.case.reference
    director = work.work_items(cast.director)
    assert [i.section for i in director] == ["plan_changes"]
    reviews_due = work.work_items_for_day(cast.director, timezone.localdate() + datetime.timedelta(weeks=7))
    assert "plan_reviews" in [i.section for i in reviews_due]
    assert work.work_items(cast.outsider) == []
    assert work.work_items(cast.former) == []


def test_work_items_query_count_for_40_cases(cast, django_assert_max_num_queries):
    from ..factories import active_case

    user = make_user(cast.house, Role.CASE_DIRECTOR, email="busy@test.example")
    for i in range(40):
        case = active_case(cast.chair, cast.member, user)
        owned = make_action(case, user, days=-1 if i % 2 else 5)
        changes.propose_change(
            case=case, actor=cast.member, kind="drop_action", action=make_action(case, cast.member), reason="R."
        )
        del owned
    with django_assert_max_num_queries(8):
        items = work.work_items_for_day(user, timezone.localdate() + datetime.timedelta(weeks=7))
    sections = [i.section for i in items]
    assert sections.count("plan_changes") == 40
    assert sections.count("plan_reviews") == 40
    assert BottomLine.objects.count() == 0
