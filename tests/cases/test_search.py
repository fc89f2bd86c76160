"""Case search, the visibility filter and the duplicate check at scale (issue 12; docs/architecture.md,
"Search and lists"): the queries are reshaped for indexes, the answers stay the same."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from ineen.access import policy
from ineen.accounts.enums import Role as AccountRole
from ineen.cases import actions
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import Case, TeamMembership
from ineen.cases.search import CasePaginator, search_cases
from ineen.privacy.models import BreakGlassAccess
from tests.factories import Role, active_case, grant_emergency, make_user, refer

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity is PostgreSQL's")


def _old_cases_for_user(user):
    """The definition before issue 12 (IN (subquery) OR IN (subquery)): the contract the new shape keeps."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    chaired = policy.houses_with_role(user, [AccountRole.CHAIR])
    member_ids = TeamMembership.objects.filter(policy._active_membership_q(user, prefix="")).values("case_id")
    now = timezone.now()
    emergency = BreakGlassAccess.objects.filter(user=user, started_at__lte=now, expires_at__gt=now).values("case_id")
    return Case.objects.filter(
        Q(safety_house_id__in=chaired) | ((Q(pk__in=member_ids) | Q(pk__in=emergency)) & policy._read_window_q())
    )


@pytest.mark.django_db
def test_visibility_filter_is_the_old_definition_on_varied_data(cast):
    """Chairs, members (running, ended, future), emergency access (running, expired), closed cases inside
    and outside the read window, a chair who is also a team member in another house."""
    other_director = make_user(cast.other_house, Role.CASE_DIRECTOR, email="od@test.example")
    elsewhere = active_case(
        cast.other_chair, other_director, other_director, members=[(cast.chair, TeamRole.PROFESSIONAL)], name="Gezin B"
    )
    actions.add_team_member(case=elsewhere, user=cast.member, role=TeamRole.PROFESSIONAL, actor=cast.other_chair)
    later = active_case(cast.chair, cast.member, cast.director, members=[(cast.expert, TeamRole.EXPERT)], name="C")
    old_closed = active_case(cast.chair, cast.member, cast.director, members=[(cast.member, None)], name="Gezin D")
    recent_closed = active_case(cast.chair, cast.member, cast.director, members=[(cast.expert, None)], name="E")
    long_ago = timezone.now() - dt.timedelta(days=settings.INEEN_CLOSED_CASE_READ_DAYS + 5)
    Case.objects.filter(pk=old_closed.pk).update(state=CaseState.CLOSED, closed_at=long_ago)
    Case.objects.filter(pk=recent_closed.pk).update(state=CaseState.CLOSED, closed_at=timezone.now())
    Case.objects.filter(pk=later.pk).update(opened_at=timezone.now() + dt.timedelta(minutes=5))
    refer(cast.outsider, cast.house, name="Gezin F")  # a referral: its referrer is not in its team
    grant_emergency(cast.outsider, later)
    grant_emergency(cast.outsider, recent_closed)
    grant_emergency(cast.researcher, old_closed)
    grant_emergency(cast.manager, cast.case, hours_ago=30)  # expired
    TeamMembership.objects.create(
        case=later, user=cast.admin, role=TeamRole.PROFESSIONAL, organisation=cast.admin.organisation,
        added_by=cast.chair, active_from=timezone.localdate() + dt.timedelta(days=3),
    )  # fmt: skip
    users = [
        cast.chair, cast.director, cast.member, cast.expert, cast.outsider, cast.former, cast.manager,
        cast.admin, cast.researcher, cast.other_chair, other_director,
    ]  # fmt: skip
    seen = set()
    for user in users:
        new = sorted(policy.cases_for_user(user).values_list("pk", flat=True))
        assert new == sorted(_old_cases_for_user(user).values_list("pk", flat=True)), user.email
        # ... and as a subquery of another list, the way Mijn werk uses it.
        assert sorted(Case.objects.filter(pk__in=policy.cases_for_user(user)).values_list("pk", flat=True)) == new
        seen.add(len(new))
    assert len(seen) > 3  # the data really varies between users


@pytest.mark.django_db
def test_search_finds_reference_household_and_member_only_among_visible(cast):
    jansen = active_case(cast.chair, cast.member, cast.director, name="Gezin Jansen")
    for term in ("jans", "JANSEN", jansen.reference.lower(), "anna"):
        assert jansen in search_cases(policy.cases_for_user(cast.chair), term), term
    assert list(search_cases(policy.cases_for_user(cast.outsider), "jans")) == []
    assert list(search_cases(policy.cases_for_user(cast.other_chair), "jansen")) == []
    # No duplicates when the reference, the name and a member all match.
    found = list(search_cases(policy.cases_for_user(cast.chair), "test"))
    assert len(found) == len(set(found))


@pytest.mark.django_db
def test_candidates_among_visible_households_give_the_same_answers(cast):
    """`few=True` (no chair role: candidates only among the visible households) changes the cost, never the
    answer: the same cases in the same order as the search over every household, for every user and term."""
    jansen = active_case(cast.chair, cast.member, cast.director, members=[(cast.expert, None)], name="Gezin Jansen")
    active_case(cast.chair, cast.director, cast.director, name="Gezin Jansma")  # the member is not in this team
    grant_emergency(cast.outsider, jansen)
    users = [cast.chair, cast.director, cast.member, cast.expert, cast.outsider, cast.former, cast.other_chair]
    answers = set()
    for user in users:
        visible = policy.cases_for_user(user)
        for term in ("jans", "JANSEN", jansen.reference.lower(), "anna", "test", "xyz", "Janssem"):
            everywhere = list(search_cases(visible, term))
            assert list(search_cases(visible, term, few=True)) == everywhere, (user.email, term)
            answers.add(len(everywhere))
    assert len(answers) > 2  # the users and terms really differ
    assert policy.sees_few_cases(cast.member) and not policy.sees_few_cases(cast.chair)


@pytest.mark.django_db
def test_case_paginator_gives_the_same_pages(cast):
    for name in "ABCDE":
        active_case(cast.chair, cast.member, cast.director, name=f"Gezin {name}")
    cases = search_cases(policy.cases_for_user(cast.chair).select_related("household"), "")
    for number in (1, 2, 3):
        assert list(CasePaginator(cases, 2).page(number)) == list(Paginator(cases, 2).page(number))


@on_postgres
@pytest.mark.django_db
def test_search_tolerates_typos_and_spelling_variants_and_ranks(cast):
    people = [
        {"first_name": "Mohamed", "last_name": "Janssen", "birth_year": 1980, "relationship": "parent"},
        {"first_name": "Lotte", "last_name": "De Vries", "birth_year": 2012, "relationship": "child"},
    ]
    variant = refer(cast.member, cast.house, name="Gezin Janssen", people=people)
    exact = refer(cast.member, cast.house, name="Gezin Jansen")
    Case.objects.filter(pk=exact.pk).update(opened_at=timezone.now() - dt.timedelta(days=30))  # older
    visible = policy.cases_for_user(cast.chair)
    assert list(search_cases(visible, "jansen"))[:2] == [exact, variant]  # best match first, not newest
    assert variant in search_cases(visible, "Mohammed")
    assert variant in search_cases(visible, "de vries")
    assert variant in search_cases(visible, "Janssem")  # a typo
    assert list(search_cases(policy.cases_for_user(cast.outsider), "Janssen")) == []


@on_postgres
@pytest.mark.django_db
def test_duplicate_check_tolerates_typos_but_only_among_visible_households(cast):
    people = [{"first_name": "Mohamed", "last_name": "Janssen", "birth_year": 1980, "relationship": "parent"}]
    case = refer(cast.member, cast.house, name="Gezin Janssen", people=people)
    asked = [("Mohammed", "Jansen", 1981)]
    assert [m.case for m in policy.possible_matches(cast.chair, cast.house, asked)] == [case]
    assert policy.possible_matches(cast.chair, cast.house, [("Mohammed", "Jansen", 1970)]) == []  # born apart
    # Decision 9: the outsider, and the chair of another house, learn nothing about the household.
    assert policy.possible_matches(cast.outsider, cast.house, asked) == []
    assert policy.possible_matches(cast.other_chair, cast.house, asked) == []
    assert policy.possible_matches(cast.other_chair, cast.other_house, asked) == []


@pytest.mark.django_db
def test_duplicate_check_exact_names_everywhere_and_birth_date(cast):
    anna = cast.case.household.members.get(first_name="Anna")
    anna.birth_date = dt.date(anna.birth_year, 3, 4)
    anna.save()
    assert [m.case for m in policy.possible_matches(cast.chair, cast.house, [("anna", "TEST", None)])] == [cast.case]
    same_day = [("Anna", "Test", anna.birth_year, dt.date(anna.birth_year, 3, 4))]
    assert [m.case for m in policy.possible_matches(cast.chair, cast.house, same_day)] == [cast.case]
    other_day = [("Anna", "Test", anna.birth_year, dt.date(anna.birth_year, 9, 9))]
    assert policy.possible_matches(cast.chair, cast.house, other_day) == []
    assert policy.possible_matches(cast.outsider, cast.house, [("Anna", "Test", None)]) == []
