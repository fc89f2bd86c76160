"""Fixtures for /beheer/: functional admins set up as the demo does (is_staff and every accounts
permission, which is all today's attack needed), a second admin, a privacy officer."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from ineen.accounts.enums import Role
from tests.factories import make_user
from tests.support.reauth import reauthenticated


def as_demo_admin(user):
    """is_staff plus every accounts permission, like seed_demo gives the functional admin."""
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    return user


@pytest.fixture
def admin_user(cast):
    return as_demo_admin(cast.admin)


@pytest.fixture
def second_admin(cast):
    return as_demo_admin(make_user(cast.house, Role.FUNCTIONAL_ADMIN, email="admin2@test.example"))


@pytest.fixture
def privacy_officer(cast):
    return make_user(cast.house, Role.PRIVACY_OFFICER, email="privacy@test.example")


@pytest.fixture
def beheer(client, login):
    """Log `user` in to /beheer/ with a fresh re-authentication (role changes ask for one)."""

    def _beheer(user):
        client.logout()
        return reauthenticated(login(user), user)

    return _beheer


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def user_form(user, new_roles=(), delete=(), **fields):
    """The user change form as the admin submits it: the current roles, `new_roles` [(house, role)] as new
    rows, the rows of `delete` (RoleAssignments) ticked for removal, `fields` over the account fields."""
    existing = list(user.role_assignments.order_by("pk"))
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": user.organisation_id or "",
        "job_title": user.job_title,
        "is_active": "on",
        "role_assignments-TOTAL_FORMS": str(len(existing) + len(new_roles)),
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
        if assignment in delete:
            data[f"role_assignments-{number}-DELETE"] = "on"
    for number, (house, role) in enumerate(new_roles, start=len(existing)):
        data.update(
            {
                f"role_assignments-{number}-user": user.pk,
                f"role_assignments-{number}-safety_house": house.pk,
                f"role_assignments-{number}-role": role,
                f"role_assignments-{number}-reason": "Nieuwe procesregisseur.",
            }
        )
    for number in range(len(existing) + len(new_roles)):  # the old inline's grant moment widgets
        data.update(
            {
                f"role_assignments-{number}-granted_at_0": "2026-01-05",
                f"role_assignments-{number}-granted_at_1": "09:00:00",
            }
        )
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}
