"""manage.py set_account_flags: the only way to set is_staff / is_superuser / is_demo_account; audited (cli)."""

import pytest
from django.core.management import CommandError, call_command

from ineen.audit.models import Action, AuditEvent


def test_sets_flags_and_audits_before_and_after(cast):
    call_command("set_account_flags", "--email", "MEMBER@test.example", "--superuser", "--staff")
    cast.member.refresh_from_db()
    assert cast.member.is_superuser and cast.member.is_staff and not cast.member.is_demo_account
    event = AuditEvent.objects.get(object_type="user", object_id=str(cast.member.public_id))
    assert (event.origin_channel, event.action, event.actor, event.safety_house_code) == (
        "cli",
        Action.UPDATE,
        None,
        "hgl",
    )
    assert "before: is_staff=False, is_superuser=False, is_demo_account=False" in event.detail
    assert "after: is_staff=True, is_superuser=True, is_demo_account=False" in event.detail


def test_switching_off(cast):
    cast.member.is_superuser = cast.member.is_demo_account = True
    cast.member.save()
    call_command("set_account_flags", "--email", cast.member.email, "--no-superuser", "--no-demo")
    cast.member.refresh_from_db()
    assert not cast.member.is_superuser and not cast.member.is_demo_account
    assert (
        "after: is_staff=False, is_superuser=False, is_demo_account=False"
        in AuditEvent.objects.get(object_type="user").detail
    )


def test_user_without_roles_still_audited(db):
    from ineen.accounts.models import User

    user = User.objects.create_user("loose@test.example", "x" * 16)
    call_command("set_account_flags", "--email", user.email, "--demo")
    assert AuditEvent.objects.get(object_type="user").safety_house_code == ""


@pytest.mark.parametrize("args", [["--email", "nobody@test.example", "--staff"], ["--email", "member@test.example"]])
def test_refuses_unknown_account_or_no_flag(args, cast):
    with pytest.raises(CommandError):
        call_command("set_account_flags", *args)
    assert not AuditEvent.objects.filter(object_type="user").exists()
