"""policy.work_scope (ineen/access/scope.py): the cases of cases_for_user read once as literal ids, for Mijn
werk. It must select exactly the same cases for every kind of relation, directly and through a relation."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from ineen.access import policy
from ineen.cases import actions
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import Case, TeamMembership
from ineen.plans.models import PlanAction
from tests.factories import Role, active_case, grant_emergency, make_user, refer


def _scoped(user):
    return sorted(Case.objects.filter(policy.work_scope(user).case_q("")).values_list("pk", flat=True))


def _visible(user):
    return sorted(policy.cases_for_user(user).values_list("pk", flat=True))


@pytest.fixture
def world(cast):
    """Chairs, members (running, ended, future), emergency access (running, expired), closed cases inside
    and outside the read window, a chair who is also a team member in another house."""
    other_director = make_user(cast.other_house, Role.CASE_DIRECTOR, email="od@test.example")
    cast.elsewhere = active_case(
        cast.other_chair, other_director, other_director, members=[(cast.chair, TeamRole.PROFESSIONAL)], name="B"
    )
    actions.add_team_member(case=cast.elsewhere, user=cast.member, role=TeamRole.PROFESSIONAL, actor=cast.other_chair)
    cast.later = active_case(cast.chair, cast.member, cast.director, members=[(cast.expert, TeamRole.EXPERT)], name="C")
    cast.old_closed = active_case(cast.chair, cast.member, cast.director, members=[(cast.member, None)], name="D")
    cast.recent_closed = active_case(cast.chair, cast.member, cast.director, members=[(cast.expert, None)], name="E")
    long_ago = timezone.now() - dt.timedelta(days=settings.INEEN_CLOSED_CASE_READ_DAYS + 5)
    Case.objects.filter(pk=cast.old_closed.pk).update(state=CaseState.CLOSED, closed_at=long_ago)
    Case.objects.filter(pk=cast.recent_closed.pk).update(state=CaseState.CLOSED, closed_at=timezone.now())
    refer(cast.outsider, cast.house, name="Gezin F")  # a referral: its referrer is not in its team
    grant_emergency(cast.outsider, cast.later)
    grant_emergency(cast.outsider, cast.recent_closed)
    grant_emergency(cast.researcher, cast.old_closed)  # emergency access does not open a case past the read window
    grant_emergency(cast.manager, cast.case, hours_ago=30)  # expired
    TeamMembership.objects.create(
        case=cast.later, user=cast.admin, role=TeamRole.PROFESSIONAL, organisation=cast.admin.organisation,
        added_by=cast.chair, active_from=timezone.localdate() + dt.timedelta(days=3),
    )  # fmt: skip
    cast.other_director = other_director
    return cast


def _everyone(world):
    return [
        world.chair, world.director, world.member, world.expert, world.outsider, world.former, world.manager,
        world.admin, world.researcher, world.other_chair, world.other_director,
    ]  # fmt: skip


@pytest.mark.django_db
def test_work_scope_selects_the_cases_of_cases_for_user(world):
    sizes = set()
    for user in _everyone(world):
        assert _scoped(user) == _visible(user), user.email
        sizes.add(len(_visible(user)))
    assert len(sizes) > 3  # the data really varies between users
    # The relations the brief names, spelled out.
    assert world.case.pk in _scoped(world.chair) and world.elsewhere.pk in _scoped(world.chair)
    assert world.old_closed.pk in _scoped(world.chair)  # the chair keeps reading a closed case
    assert world.old_closed.pk not in _scoped(world.member)  # past the read window
    assert world.recent_closed.pk in _scoped(world.expert)  # within it
    assert _scoped(world.outsider) == sorted([world.later.pk, world.recent_closed.pk])  # emergency access
    assert _scoped(world.former) == [] and _scoped(world.manager) == [] and _scoped(world.researcher) == []
    assert _scoped(world.admin) == []  # a membership that has not started yet


@pytest.mark.django_db
def test_work_scope_through_a_relation(world):
    """case_q("case") on another table keeps the same cases as `case__in=cases_for_user(user)`."""
    for case in (world.case, world.later, world.old_closed, world.recent_closed, world.elsewhere):
        PlanAction.objects.create(
            case=case, what="Iets doen", owner=world.member, owner_organisation=world.member.organisation,
            due_on=timezone.localdate(), reason="Nodig.",
        )  # fmt: skip
    for user in _everyone(world):
        scoped = PlanAction.objects.filter(policy.work_scope(user).case_q("case"))
        listed = PlanAction.objects.filter(case__in=policy.cases_for_user(user))
        assert sorted(scoped.values_list("pk", flat=True)) == sorted(listed.values_list("pk", flat=True)), user.email


@pytest.mark.django_db
def test_work_scope_of_nobody_matches_nothing(world):
    for user in (AnonymousUser(), world.former):
        scope = policy.work_scope(user)
        assert scope == policy.WorkScope()
        assert not Case.objects.filter(scope.case_q("")).exists()
    world.member.is_active = False
    world.member.save()
    assert policy.work_scope(world.member) == policy.WorkScope()


@pytest.mark.django_db
def test_work_scope_is_one_query_and_follows_the_clock(world, django_assert_num_queries):
    policy.houses_with_role(world.member, [])  # the roles: read once per request before Mijn werk asks
    with django_assert_num_queries(1):
        scope = policy.work_scope(world.member)
    assert world.case.pk in scope.case_ids
    # Not kept: a membership ended after the scope was read counts from the next scope on.
    membership = world.case.team.get(user=world.member)
    actions.end_team_membership(membership=membership, actor=world.chair)
    assert world.case.pk not in policy.work_scope(world.member).case_ids
    assert _scoped(world.member) == _visible(world.member)
