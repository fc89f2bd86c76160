"""Role changes in the admin (/beheer/) ask for a fresh password or second factor first."""

import pytest
from django.urls import reverse

from ineen.accounts.enums import Role
from ineen.accounts.models import RoleAssignment, User
from tests.support.reauth import reauthenticated


@pytest.fixture
def staff(cast):
    return cast.admin  # the functional-admin role alone opens /beheer/ (accounts/admin_site.py)


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def role_post(user, house, role):
    """The change form as the admin submits it, with one new role in the inline."""
    existing = list(user.role_assignments.all())
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": user.organisation_id or "",
        "job_title": "",
        "is_active": "on",
        "role_assignments-TOTAL_FORMS": str(len(existing) + 1),
        "role_assignments-INITIAL_FORMS": str(len(existing)),
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    for number, assignment in enumerate(existing):
        data.update(
            {
                f"role_assignments-{number}-id": assignment.pk,
                f"role_assignments-{number}-user": user.pk,
                f"role_assignments-{number}-safety_house": assignment.safety_house_id,
                f"role_assignments-{number}-role": assignment.role,
            }
        )
    new = len(existing)
    data.update(
        {
            f"role_assignments-{new}-user": user.pk,
            f"role_assignments-{new}-safety_house": house.pk,
            f"role_assignments-{new}-role": role,
        }
    )
    for number in range(new + 1):  # the grant moment, as the admin's date and time widgets send it
        data.update(
            {
                f"role_assignments-{number}-granted_at_0": "2026-01-05",
                f"role_assignments-{number}-granted_at_1": "09:00:00",
            }
        )
    return data


@pytest.mark.parametrize("url", ["change", "add"])
def test_change_and_add_views_ask_for_reauthentication(cast, login, staff, url):
    target = change_url(cast.member) if url == "change" else reverse("admin:accounts_user_add")
    client = login(staff)
    response = client.get(target)
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert reauthenticated(client, staff).get(target).status_code == 200


def test_role_change_without_reauthentication_changes_nothing(cast, login, staff):
    client = login(staff)
    response = client.post(change_url(cast.member), role_post(cast.member, cast.house, Role.CHAIR))
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert not RoleAssignment.objects.filter(user=cast.member, role=Role.CHAIR).exists()


def test_role_change_after_reauthentication(cast, login, staff):
    # A role without four eyes (the chair's needs a second admin: tests/accounts/test_four_eyes.py)
    client = reauthenticated(login(staff), staff)
    response = client.post(change_url(cast.member), role_post(cast.member, cast.house, Role.MANAGER))
    assert response.status_code == 302 and "reauthenticate" not in response["Location"]
    assert RoleAssignment.objects.filter(user=cast.member, safety_house=cast.house, role=Role.MANAGER).exists()


def test_changelist_needs_no_reauthentication(cast, login, staff):
    assert login(staff).get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert User.objects.filter(pk=cast.member.pk).exists()
