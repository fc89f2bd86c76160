"""Nobody changes their own roles or account flags in /beheer/, and the flags are read-only for everyone.

The attack: the functional admin gave itself the chair's role and is_superuser on its own user form."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

from ineen.accounts import roles
from ineen.accounts.enums import Role
from ineen.accounts.models import RoleAssignment, RoleGrantRequest, User

from .conftest import change_url, user_form

FLAGS = {"is_staff": "on", "is_superuser": "on", "is_demo_account": "on"}


def _roles(user):
    return sorted(user.role_assignments.values_list("safety_house__code", "role"))


def test_own_role_inline_adds_nothing(cast, admin_user, beheer):
    before = _roles(admin_user)
    client = beheer(admin_user)
    client.post(change_url(admin_user), user_form(admin_user, new_roles=[(cast.house, Role.CHAIR)]))
    assert _roles(admin_user) == before
    assert not RoleGrantRequest.objects.filter(user=admin_user).exists()


def test_own_role_inline_removes_nothing(cast, admin_user, beheer):
    make_manager = RoleAssignment.objects.create(user=admin_user, safety_house=cast.house, role=Role.MANAGER)
    before = _roles(admin_user)
    beheer(admin_user).post(change_url(admin_user), user_form(admin_user, delete=[make_manager]))
    assert _roles(admin_user) == before


def test_own_flags_stay(admin_user, beheer):
    response = beheer(admin_user).post(change_url(admin_user), user_form(admin_user, **FLAGS, is_active=None))
    assert response.status_code in (200, 302)
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser and not admin_user.is_demo_account
    assert admin_user.is_active  # not switched off by leaving the box empty: read-only on one's own account


def test_flags_of_others_are_read_only_too(cast, admin_user, beheer):
    response = beheer(admin_user).post(change_url(cast.member), user_form(cast.member, **FLAGS))
    assert response.status_code == 302
    cast.member.refresh_from_db()
    assert (cast.member.is_staff, cast.member.is_superuser, cast.member.is_demo_account) == (False, False, False)


def test_flags_shown_read_only(cast, admin_user, beheer):
    response = beheer(admin_user).get(change_url(cast.member))
    form = response.context["adminform"].form
    assert not {"is_staff", "is_superuser", "is_demo_account"} & set(form.fields)
    assert "is_active" in form.fields  # others' accounts can still be switched off


def test_superuser_cannot_change_own_roles_or_flags_in_the_web(cast, beheer):
    boss = User.objects.create_superuser("boss@test.example", "x" * 16)
    before = _roles(boss)
    client = beheer(boss)
    client.post(
        change_url(boss), user_form(boss, new_roles=[(cast.house, Role.MANAGER)], is_superuser=None, is_staff=None)
    )
    boss.refresh_from_db()
    assert _roles(boss) == before and boss.is_superuser and boss.is_staff


def test_superuser_grants_others_directly(cast, beheer):
    boss = User.objects.create_superuser("boss@test.example", "x" * 16)
    beheer(boss).post(change_url(cast.member), user_form(cast.member, new_roles=[(cast.house, Role.MANAGER)]))
    assert (cast.house.code, Role.MANAGER) in _roles(cast.member)


def test_functional_admin_cannot_change_a_superuser(cast, admin_user, beheer):
    boss = User.objects.create_superuser("boss@test.example", "x" * 16)
    client = beheer(admin_user)
    client.post(change_url(boss), user_form(boss, new_roles=[(cast.house, Role.MANAGER)], is_active=None))
    boss.refresh_from_db()
    assert boss.is_active and _roles(boss) == []
    assert client.get(reverse("admin:auth_user_password_change", args=[boss.pk])).status_code == 403


def test_own_account_cannot_be_deleted(admin_user, beheer):
    client = beheer(admin_user)
    response = client.post(reverse("admin:accounts_user_delete", args=[admin_user.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=admin_user.pk).exists()


def test_no_bulk_delete_of_users(admin_user, beheer):
    response = beheer(admin_user).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [admin_user.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert User.objects.filter(pk=admin_user.pk).exists()


def test_roles_have_no_admin_of_their_own():
    """RoleAssignment would be a second door to one's own roles; Group a way to hand out permissions."""
    assert not admin.site.is_registered(RoleAssignment)
    assert not admin.site.is_registered(Group)
    with pytest.raises(NoReverseMatch):
        reverse("admin:accounts_roleassignment_changelist")


def test_domain_actions_refuse_own_roles(cast, admin_user):
    with pytest.raises(roles.RoleChangeRefused):
        roles.grant_role(actor=admin_user, user=admin_user, safety_house=cast.house, role=Role.MANAGER)
    with pytest.raises(roles.RoleChangeRefused):
        roles.remove_role(actor=admin_user, assignment=admin_user.role_assignments.get())
    with pytest.raises(roles.RoleChangeRefused):
        roles.delete_user(actor=admin_user, user=admin_user)
    assert _roles(admin_user) == [(cast.house.code, Role.FUNCTIONAL_ADMIN)]
