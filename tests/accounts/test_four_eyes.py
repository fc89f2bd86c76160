"""Granting chair, privacy officer, log manager or functional admin takes a second functional admin.

Other roles are granted at once. Every grant, removal, request, approval and rejection is an audit event
with the roles before and after; the privacy officers hear of requests and approvals by e-mail."""

import pytest
from django.urls import reverse

from ineen.accounts import roles
from ineen.accounts.enums import GrantStatus, Role
from ineen.accounts.models import RoleAssignment, RoleGrantRequest, User
from ineen.audit.models import Action, AuditEvent
from tests.factories import make_user

from .conftest import change_url, user_form

CHANGELIST = reverse("admin:accounts_rolegrantrequest_changelist")


def _has(user, house, role):
    return RoleAssignment.objects.filter(user=user, safety_house=house, role=role).exists()


def _decide(client, grant, action):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [grant.pk]})


@pytest.mark.parametrize("role", [Role.CHAIR, Role.PRIVACY_OFFICER, Role.LOG_MANAGER, Role.FUNCTIONAL_ADMIN])
def test_four_eyes_role_becomes_a_pending_request(
    role, cast, admin_user, privacy_officer, beheer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = beheer(admin_user).post(change_url(cast.member), user_form(cast.member, [(cast.house, role)]))
    assert response.status_code == 302
    assert not _has(cast.member, cast.house, role)
    grant = RoleGrantRequest.objects.get(user=cast.member)
    assert (grant.role, grant.requested_by, grant.status) == (role, admin_user, GrantStatus.PENDING)
    assert grant.reason == "Nieuwe procesregisseur."
    event = AuditEvent.objects.get(object_type="role_grant_request", object_id=str(grant.public_id))
    assert event.action == Action.CREATE and event.actor == admin_user and event.safety_house_code == "hgl"
    assert "before: professional after: professional" in event.detail
    assert [m.to for m in mailoutbox] == [[privacy_officer.email]]
    assert "Gezin" not in mailoutbox[0].body and cast.case.reference not in mailoutbox[0].body


def test_second_admin_approves(
    cast, admin_user, second_admin, privacy_officer, beheer, mailoutbox, django_capture_on_commit_callbacks
):
    beheer(admin_user).post(change_url(cast.member), user_form(cast.member, [(cast.house, Role.CHAIR)]))
    grant = RoleGrantRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(beheer(second_admin), grant, "approve")
    assert response.status_code == 302
    assert _has(cast.member, cast.house, Role.CHAIR)
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == (GrantStatus.APPROVED, second_admin) and grant.decided_at
    event = AuditEvent.objects.filter(object_type="role_grant_request", action=Action.UPDATE).get()
    assert event.actor == second_admin and "before: professional after: chair,professional" in event.detail
    assert [m.to for m in mailoutbox] == [[privacy_officer.email]]
    assert "goedgekeurd" in mailoutbox[0].body


def test_requester_cannot_approve_own_request(cast, admin_user, beheer):
    client = beheer(admin_user)
    client.post(change_url(cast.member), user_form(cast.member, [(cast.house, Role.CHAIR)]))
    grant = RoleGrantRequest.objects.get()
    _decide(client, grant, "approve")
    assert not _has(cast.member, cast.house, Role.CHAIR)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PENDING


def test_the_user_concerned_cannot_approve(cast, admin_user, second_admin, beheer):
    """admin asks functional admin of 'rr' for the second admin; the second admin may not say yes to it."""
    grant = roles.grant_role(actor=admin_user, user=second_admin, safety_house=cast.house, role=Role.CHAIR)
    _decide(beheer(second_admin), grant, "approve")
    assert not _has(second_admin, cast.house, Role.CHAIR)
    with pytest.raises(roles.RoleChangeRefused):
        roles.approve_request(actor=second_admin, grant=grant)


def test_admin_of_another_house_cannot_approve_nor_see(cast, admin_user, beheer):
    grant = roles.grant_role(actor=admin_user, user=cast.member, safety_house=cast.house, role=Role.CHAIR)
    elsewhere = make_user(cast.other_house, Role.FUNCTIONAL_ADMIN, email="rradmin@test.example")
    client = beheer(elsewhere)
    assert client.get(CHANGELIST).context["cl"].result_count == 0
    _decide(client, grant, "approve")
    assert not _has(cast.member, cast.house, Role.CHAIR)
    with pytest.raises(roles.RoleChangeRefused):
        roles.approve_request(actor=elsewhere, grant=grant)


def test_superuser_may_approve(cast, admin_user, beheer):
    grant = roles.grant_role(actor=admin_user, user=cast.member, safety_house=cast.house, role=Role.LOG_MANAGER)
    boss = User.objects.create_superuser("boss@test.example", "x" * 16)
    _decide(beheer(boss), grant, "approve")
    assert _has(cast.member, cast.house, Role.LOG_MANAGER)


def test_rejection_grants_nothing(cast, admin_user, second_admin, beheer):
    grant = roles.grant_role(actor=admin_user, user=cast.member, safety_house=cast.house, role=Role.CHAIR)
    _decide(beheer(second_admin), grant, "reject")
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REJECTED and grant.decided_by == second_admin
    assert not _has(cast.member, cast.house, Role.CHAIR)
    event = AuditEvent.objects.filter(object_type="role_grant_request", action=Action.UPDATE).get()
    assert event.detail.startswith("rejected chair") and "before: professional after: professional" in event.detail
    with pytest.raises(Exception, match="al besloten"):  # decided once
        roles.approve_request(actor=second_admin, grant=grant)


def test_a_second_request_for_the_same_role_is_refused(cast, admin_user, beheer):
    client = beheer(admin_user)
    client.post(change_url(cast.member), user_form(cast.member, [(cast.house, Role.CHAIR)]))
    response = client.post(change_url(cast.member), user_form(cast.member, [(cast.house, Role.CHAIR)]))
    assert response.status_code == 200
    assert "al een aanvraag open" in response.content.decode()
    assert RoleGrantRequest.objects.count() == 1


def test_request_and_approval_need_a_recent_login(cast, admin_user, second_admin, login, client):
    grant = roles.grant_role(actor=admin_user, user=cast.member, safety_house=cast.house, role=Role.CHAIR)
    response = _decide(login(second_admin), grant, "approve")
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert not _has(cast.member, cast.house, Role.CHAIR)


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.MANAGER, Role.RESEARCHER, Role.CASE_DIRECTOR, Role.EXPERT])
def test_other_roles_are_granted_at_once_and_audited(role, cast, admin_user, beheer):
    user = make_user(cast.other_house, Role.PROFESSIONAL, email="new@test.example")
    beheer(admin_user).post(change_url(user), user_form(user, [(cast.house, role)]))
    assert _has(user, cast.house, role)
    assert not RoleGrantRequest.objects.exists()
    event = AuditEvent.objects.get(object_type="role_assignment", action=Action.CREATE)
    assert event.actor == admin_user and event.detail.endswith(f"before: - after: {role}")


def test_removal_is_audited(cast, admin_user, beheer):
    assignment = cast.member.role_assignments.get()
    beheer(admin_user).post(change_url(cast.member), user_form(cast.member, delete=[assignment]))
    assert not cast.member.role_assignments.exists()
    event = AuditEvent.objects.get(object_type="role_assignment", action=Action.DELETE)
    assert event.actor == admin_user and "before: professional after: -" in event.detail


def test_no_grants_in_a_house_one_does_not_administer(cast, admin_user, beheer):
    response = beheer(admin_user).post(
        change_url(cast.member), user_form(cast.member, [(cast.other_house, Role.MANAGER)])
    )
    assert response.status_code == 200  # the form's error
    assert not _has(cast.member, cast.other_house, Role.MANAGER)
    with pytest.raises(roles.RoleChangeRefused):
        roles.grant_role(actor=admin_user, user=cast.member, safety_house=cast.other_house, role=Role.MANAGER)


def test_existing_role_cannot_be_edited_into_another(cast, admin_user, beheer):
    data = user_form(cast.member)
    data["role_assignments-0-role"] = Role.CHAIR
    beheer(admin_user).post(change_url(cast.member), data)
    assert list(cast.member.role_assignments.values_list("role", flat=True)) == [Role.PROFESSIONAL]


def test_approved_functional_admin_role_opens_beheer(cast, admin_user, second_admin, beheer):
    newcomer = make_user(cast.house, Role.PROFESSIONAL, email="newcomer@test.example")
    assert beheer(newcomer).get(reverse("admin:index")).status_code == 404
    grant = roles.grant_role(actor=admin_user, user=newcomer, safety_house=cast.house, role=Role.FUNCTIONAL_ADMIN)
    assert beheer(newcomer).get(reverse("admin:index")).status_code == 404  # pending: not yet
    _decide(beheer(second_admin), grant, "approve")
    assert beheer(newcomer).get(reverse("admin:index")).status_code == 200


def test_no_removals_in_a_house_one_does_not_administer(cast, admin_user, beheer):
    elsewhere = RoleAssignment.objects.create(user=cast.member, safety_house=cast.other_house, role=Role.MANAGER)
    response = beheer(admin_user).post(change_url(cast.member), user_form(cast.member, delete=[elsewhere]))
    assert response.status_code == 200  # the form's error
    assert RoleAssignment.objects.filter(pk=elsewhere.pk).exists()
    with pytest.raises(roles.RoleChangeRefused):
        roles.remove_role(actor=admin_user, assignment=elsewhere)
