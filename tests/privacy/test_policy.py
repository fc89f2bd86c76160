"""THE access policy: which cases each role sees, and duplicate matching limited to what one may see."""

import pytest
from django.urls import reverse
from django.utils import timezone
from ineen.access import policy

from ineen.accounts.enums import Role
from ineen.cases import actions
from ineen.cases.enums import TeamRole
from ineen.households.enums import Relationship
from ineen.privacy.models import BreakGlassAccess

from ..factories import make_user, refer

ANNA = ("Anna", "Test", 1985)  # a member of cast.case's household (see factories.refer)


@pytest.fixture
def world(cast):
    """Besides cast.case: a second case in the same house (outside cast.member's team) and a case
    in the other house."""
    cast.same_house_case = refer(
        cast.outsider,
        cast.house,
        name="Gezin Buiten",
        people=[{"first_name": "Olga", "last_name": "Buiten", "relationship": Relationship.PARENT}],
    )
    other_referrer = make_user(cast.other_house, Role.PROFESSIONAL, email="rr-referrer@test.example")
    cast.other_house_case = refer(other_referrer, cast.other_house, name="Gezin Test")
    return cast


def visible(user):
    return set(policy.cases_for_user(user))


# --- cases_for_user per role -----------------------------------------------------------------------


def test_chair_sees_every_case_of_own_house_and_none_of_the_other(world):
    assert visible(world.chair) == {world.case, world.same_house_case}


def test_chair_of_other_house_sees_only_that_house(world):
    assert visible(world.other_chair) == {world.other_house_case}


@pytest.mark.parametrize("who", ["director", "member", "expert"])
def test_team_members_see_only_their_team_cases(world, who):
    assert visible(getattr(world, who)) == {world.case}


def test_referrer_outside_the_team_sees_no_case(world):
    # outsider referred same_house_case but is not in its team: they see the referral status, not the case.
    assert visible(world.outsider) == set()
    assert list(policy.referrals_for_user(world.outsider)) == [world.same_house_case.referral]


def test_former_member_sees_nothing(world):
    assert visible(world.former) == set()


@pytest.mark.parametrize("who", ["manager", "admin", "researcher"])
def test_roles_without_casework_see_no_cases(world, who):
    user = getattr(world, who)
    assert visible(user) == set()
    assert policy.case_relation(user, world.case) is None


def test_chair_role_in_another_house_gives_no_access_here(world):
    assert policy.case_relation(world.other_chair, world.case) is None


def test_disabled_account_sees_nothing(world):
    world.member.is_active = False
    world.member.save()
    assert visible(world.member) == set()
    assert policy.case_relation(world.member, world.case) is None


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == set()


def test_chair_relation_wins_over_a_team_role(world):
    actions.add_team_member(case=world.case, user=world.chair, role=TeamRole.EXPERT, by=world.chair)
    assert policy.case_relation(world.chair, world.case) == policy.CHAIR


def test_cases_for_user_matches_case_relation(world):
    """The list and the single-case check must never disagree."""
    everyone = [
        world.chair,
        world.director,
        world.member,
        world.expert,
        world.outsider,
        world.former,
        world.manager,
        world.admin,
        world.researcher,
        world.other_chair,
    ]
    cases = [world.case, world.same_house_case, world.other_house_case]
    for user in everyone:
        listed = visible(user)
        for case in cases:
            assert (case in listed) == (policy.case_relation(user, case) is not None), (user.email, case.reference)


def test_break_glass_gives_temporary_access(world):
    now = timezone.now()
    BreakGlassAccess.objects.create(
        user=world.outsider, case=world.case, reason="Acute dreiging.", expires_at=now + timezone.timedelta(hours=1)
    )
    assert policy.case_relation(world.outsider, world.case) == policy.BREAK_GLASS
    assert visible(world.outsider) == {world.case}
    assert not policy.may_edit_household(world.outsider, world.case)
    BreakGlassAccess.objects.filter(user=world.outsider).update(expires_at=now - timezone.timedelta(seconds=1))
    assert policy.case_relation(world.outsider, world.case) is None
    assert visible(world.outsider) == set()


def test_narrow_predicates(world):
    case = world.case
    assert policy.may_triage(world.chair, case)
    assert not policy.may_triage(world.director, case)
    assert policy.may_manage_team(world.director, case)
    assert not policy.may_manage_team(world.member, case)
    assert policy.may_edit_household(world.member, case)
    assert not policy.may_edit_household(world.outsider, case)


# --- possible_matches: duplicates only among what the user may see ------------------------------


def names(matches):
    return [m.case for m in matches]


def test_referrer_without_access_is_not_told_about_the_duplicate(world):
    assert policy.possible_matches(world.outsider, world.house, [ANNA]) == []


def test_team_member_is_shown_the_duplicate(world):
    matches = policy.possible_matches(world.member, world.house, [ANNA])
    assert names(matches) == [world.case]
    assert matches[0].matched_people == ["Anna Test"]


def test_chair_is_shown_the_duplicate_but_not_the_other_houses(world):
    # The other house has a "Gezin Test" with Anna Test 1985 too; it never shows up here.
    assert names(policy.possible_matches(world.chair, world.house, [ANNA])) == [world.case]
    assert names(policy.possible_matches(world.other_chair, world.other_house, [ANNA])) == [world.other_house_case]
    assert policy.possible_matches(world.other_chair, world.house, [ANNA]) == []


def test_matching_is_case_insensitive_and_tolerates_one_year(world):
    assert names(policy.possible_matches(world.chair, world.house, [(" anna ", "TEST", 1986)])) == [world.case]
    assert policy.possible_matches(world.chair, world.house, [("Anna", "Test", 1990)]) == []
    assert policy.possible_matches(world.chair, world.house, [("Anna", "Jansen", None)]) == []
    assert policy.possible_matches(world.chair, world.house, [("", "", None)]) == []


def test_one_match_per_household_with_every_matched_person(world):
    matches = policy.possible_matches(world.chair, world.house, [ANNA, ("Bram", "Test", 2015)])
    assert len(matches) == 1
    assert sorted(matches[0].matched_people) == ["Anna Test", "Bram Test"]


def test_chairs_triage_page_shows_the_inaccessible_duplicate(world, login):
    """The referrer cannot see the earlier household; the chair's triage page shows it."""
    new = refer(world.outsider, world.house, name="Gezin Test-Nieuw")  # Anna and Bram Test again
    assert policy.possible_matches(world.outsider, world.house, [ANNA]) == []

    response = login(world.chair).get(reverse("web:triage", args=[new.public_id]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Mogelijk al bekend" in content
    assert world.case.reference in content
    assert reverse("web:case_detail", args=[world.case.public_id]) in content
    # The case being triaged is not listed as its own duplicate.
    assert [m.case for m in response.context["matches"]] == [world.case]


def test_referral_form_does_not_reveal_the_inaccessible_duplicate(world, login):
    client = login(world.outsider)
    data = {
        "safety_house": world.house.pk,
        "household_name": "Gezin Test",
        "postcode_area": "",
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "1",
        "person-MAX_NUM_FORMS": "20",
        "person-0-first_name": "Anna",
        "person-0-last_name": "Test",
        "person-0-birth_year": "1985",
        "person-0-relationship": Relationship.PARENT,
        "person-0-language": "Nederlands",
        "clients_informed": "unknown",
    }
    response = client.post(reverse("web:referral_new"), data)
    assert response.status_code == 302  # straight through: no matches offered
    assert world.case.reference.encode() not in response.content
