"""The demo shows the four eyes: one role-grant request waits for a second functional admin."""

from django.core.management import call_command

from ineen.accounts.enums import GrantStatus, Role
from ineen.accounts.models import RoleAssignment, RoleGrantRequest


def test_demo_has_one_pending_request(db):
    call_command("seed_demo", "--quiet-accounts")
    grant = RoleGrantRequest.objects.get()
    assert (grant.status, grant.role, grant.requested_by.email) == (
        GrantStatus.PENDING,
        Role.CHAIR,
        "beheer@ineen.example",
    )
    assert not RoleAssignment.objects.filter(user=grant.user, role=Role.CHAIR).exists()
