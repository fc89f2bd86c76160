"""Case direction and the case team: one director at a time, membership dates govern access."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ineen.access import policy
from ineen.accounts.enums import Role
from ineen.audit.models import AuditEvent
from ineen.cases import actions
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import CaseDirectorAssignment, TeamMembership
from tests.factories import CLOSURE_PLAN

from ..factories import make_user, refer


def today():
    return timezone.localdate()


def days(n):
    return timezone.timedelta(days=n)


def current_director(case):
    return case.director_assignments.get(ended_at__isnull=True)


# --- one case director at a time ----------------------------------------------------------------


def test_reassigning_ends_the_previous_assignment_and_keeps_the_handover(cast):
    case = cast.case
    first = current_director(case)
    assert first.director == cast.director

    actions.assign_case_director(
        case=case, director=cast.member, actor=cast.chair, handover_note="Moeder wil alleen praten op dinsdag."
    )

    first.refresh_from_db()
    assert first.ended_at is not None
    new = current_director(case)
    assert new.director == cast.member
    assert new.organisation == cast.member.organisation
    assert new.assigned_by == cast.chair
    assert new.handover_note == "Moeder wil alleen praten op dinsdag."
    assert [a.director for a in case.director_assignments.all()] == [cast.director, cast.member]
    assert case.director_assignments.filter(ended_at__isnull=True).count() == 1


def test_previous_director_stays_in_the_team_as_professional(cast):
    case = cast.case
    actions.assign_case_director(case=case, director=cast.member, actor=cast.chair, handover_note="Over.")
    running = [m for m in case.team.filter(user=cast.director) if m.is_active_on(today())]
    assert [m.role for m in running] == [TeamRole.PROFESSIONAL]
    assert policy.case_relation(cast.director, case) == TeamRole.PROFESSIONAL
    assert policy.cases_for_user(cast.director).filter(pk=case.pk).exists()
    assert not policy.may_manage_team(cast.director, case)


def test_new_director_gets_the_director_relation_even_if_already_in_the_team(cast):
    # member was a professional in the team before; as director they now put the team together.
    actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair, handover_note="Overdracht.")
    assert policy.case_relation(cast.member, cast.case) == TeamRole.CASE_DIRECTOR
    assert policy.may_manage_team(cast.member, cast.case)


def test_assigning_the_current_director_again_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        actions.assign_case_director(case=cast.case, director=cast.director, actor=cast.chair)
    assert excinfo.value.message_dict == {"director": ["Deze persoon is al de casusregisseur."]}
    assert cast.case.director_assignments.count() == 1


def test_only_an_active_case_gets_a_director(cast, house):
    referred = refer(cast.outsider, house, name="Gezin Ander")
    with pytest.raises(ValidationError, match="Alleen een actieve casus"):
        actions.assign_case_director(case=referred, director=cast.member, actor=cast.chair)
    assert not referred.director_assignments.exists()


def test_reassigning_is_audited(cast):
    before = AuditEvent.objects.filter(object_type="case_director").count()
    actions.assign_case_director(case=cast.case, director=cast.expert, actor=cast.chair, handover_note="x")
    event = AuditEvent.objects.filter(object_type="case_director").order_by("pk").last()
    assert AuditEvent.objects.filter(object_type="case_director").count() == before + 1
    assert event.actor == cast.chair
    assert event.household_id == str(cast.case.household.public_id)
    assert "(handover)" in event.detail


def test_database_refuses_two_current_directors(cast):
    case = cast.case
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseDirectorAssignment.objects.create(
            case=case, director=cast.member, organisation=cast.member.organisation, assigned_by=cast.chair
        )
    assert case.director_assignments.filter(ended_at__isnull=True).count() == 1


def test_database_allows_any_number_of_ended_assignments(cast):
    for _ in range(2):
        CaseDirectorAssignment.objects.create(
            case=cast.case,
            director=cast.member,
            ended_at=timezone.now(),
            organisation=cast.member.organisation,
            assigned_by=cast.chair,
        )
    assert cast.case.director_assignments.count() == 3


def test_stale_version_refuses_reassignment(cast):
    seen = cast.case.version
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    actions.reopen_case(case=cast.case, actor=cast.chair, reason="Terug.")
    with pytest.raises(actions.StaleVersion):
        actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair, seen_version=seen)
    assert current_director(cast.case).director == cast.director


# --- the team: access follows active_from / active_until -----------------------------------------


def test_membership_starting_in_the_future_gives_no_access_yet(cast):
    newcomer = make_user(cast.house, Role.PROFESSIONAL)
    membership = actions.add_team_member(
        case=cast.case, user=newcomer, role=TeamRole.PROFESSIONAL, actor=cast.chair, active_from=today() + days(3)
    )
    assert policy.case_relation(newcomer, cast.case) is None
    assert not policy.cases_for_user(newcomer).exists()

    membership.active_from = today()
    membership.save()
    assert policy.case_relation(newcomer, cast.case) == TeamRole.PROFESSIONAL
    assert list(policy.cases_for_user(newcomer)) == [cast.case]


def test_membership_ending_today_still_gives_access_today(cast):
    newcomer = make_user(cast.house, Role.EXPERT)
    actions.add_team_member(
        case=cast.case,
        user=newcomer,
        role=TeamRole.EXPERT,
        actor=cast.chair,
        active_from=today() - days(10),
        active_until=today(),
    )
    assert policy.case_relation(newcomer, cast.case) == TeamRole.EXPERT


def test_ended_membership_gives_no_access(cast):
    membership = cast.case.team.get(user=cast.member)
    assert policy.case_relation(cast.member, cast.case) == TeamRole.PROFESSIONAL
    actions.end_team_membership(membership=membership, actor=cast.chair)
    membership.refresh_from_db()
    assert membership.active_until < today()
    assert policy.case_relation(cast.member, cast.case) is None
    assert not policy.cases_for_user(cast.member).exists()
    # The membership row stays: the team's history is kept.
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


def test_ending_a_membership_that_has_not_started_never_gives_access(cast):
    newcomer = make_user(cast.house, Role.PROFESSIONAL)
    membership = actions.add_team_member(
        case=cast.case, user=newcomer, role=TeamRole.PROFESSIONAL, actor=cast.chair, active_from=today() + days(5)
    )
    actions.end_team_membership(membership=membership, actor=cast.chair)
    membership.refresh_from_db()
    assert membership.active_until < membership.active_from
    assert not any(membership.is_active_on(today() + days(n)) for n in range(10))


def test_former_member_of_the_cast_has_no_access(cast):
    assert policy.case_relation(cast.former, cast.case) is None


def test_ending_the_current_directors_membership_is_refused(cast):
    membership = cast.case.team.get(user=cast.director, role=TeamRole.CASE_DIRECTOR)
    with pytest.raises(ValidationError) as excinfo:
        actions.end_team_membership(membership=membership, actor=cast.chair)
    assert excinfo.value.messages == ["Wijs eerst een nieuwe casusregisseur aan."]
    membership.refresh_from_db()
    assert membership.active_until is None
    assert policy.case_relation(cast.director, cast.case) == TeamRole.CASE_DIRECTOR


def test_former_director_can_be_ended_after_handover(cast):
    actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair, handover_note="Over.")
    membership = cast.case.team.get(user=cast.director)
    actions.end_team_membership(membership=membership, actor=cast.chair)
    assert policy.case_relation(cast.director, cast.case) is None


def test_director_role_cannot_be_given_through_the_team(cast):
    newcomer = make_user(cast.house, Role.PROFESSIONAL)
    with pytest.raises(ValidationError) as excinfo:
        actions.add_team_member(case=cast.case, user=newcomer, role=TeamRole.CASE_DIRECTOR, actor=cast.chair)
    assert list(excinfo.value.message_dict) == ["role"]
    assert not cast.case.team.filter(user=newcomer).exists()


def test_closed_case_gets_no_new_team_members(cast):
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    cast.case.refresh_from_db()
    assert cast.case.state == CaseState.CLOSED
    with pytest.raises(ValidationError, match="afgesloten casus"):
        actions.add_team_member(case=cast.case, user=cast.outsider, role=TeamRole.PROFESSIONAL, actor=cast.chair)


def test_user_without_organisation_cannot_join(cast):
    loner = make_user(cast.house, Role.PROFESSIONAL)
    loner.organisation = None
    loner.save()
    with pytest.raises(ValidationError) as excinfo:
        actions.add_team_member(case=cast.case, user=loner, role=TeamRole.PROFESSIONAL, actor=cast.chair)
    assert list(excinfo.value.message_dict) == ["user"]


def test_adding_a_member_sends_a_link_only(cast, mailoutbox, django_capture_on_commit_callbacks):
    newcomer = make_user(cast.house, Role.PROFESSIONAL, email="new@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_team_member(case=cast.case, user=newcomer, role=TeamRole.PROFESSIONAL, actor=cast.chair)
    assert [m.to for m in mailoutbox] == [["new@test.example"]]
    body = mailoutbox[0].body
    assert str(cast.case.public_id) in body
    assert cast.case.household.name not in body


@pytest.mark.parametrize(
    ("start", "until", "mailed", "says_start"),
    [
        (-30, -1, False, False),  # already over: a record of past work, no access, no mail
        (-30, -30, False, False),
        (-30, 0, True, False),  # ends today: still running
        (0, None, True, False),
        (-5, 10, True, False),
        (14, None, True, True),  # starts later: mailed now, naming the first day
    ],
)
def test_added_mail_only_for_a_membership_that_is_not_over(
    start, until, mailed, says_start, cast, mailoutbox, django_capture_on_commit_callbacks
):
    newcomer = make_user(cast.house, Role.PROFESSIONAL, email="new@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_team_member(
            case=cast.case,
            user=newcomer,
            role=TeamRole.PROFESSIONAL,
            actor=cast.chair,
            active_from=today() + days(start),
            active_until=None if until is None else today() + days(until),
        )
    assert [m.to for m in mailoutbox] == ([["new@test.example"]] if mailed else [])
    if mailed:
        assert ("Uw toegang begint op" in mailoutbox[0].body) is says_start
        if says_start:
            assert str((today() + days(start)).year) in mailoutbox[0].body
