"""The first second factor needs a one-time enrolment code (ineen/accounts/enrolment.py).

Without it, MFA enrolment is trust-on-first-use: whoever has the password of an account without an
authenticator could enrol their own. The code reaches the professional by e-mail (admin action, management
command) or is handed over by the operator (--print); it is stored hashed, single use, valid 7 days, void
after 5 wrong tries; every step is audited (object_type "mfa_enrolment").
"""

import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ineen.access.actor import Actor
from ineen.accounts import enrolment
from ineen.accounts.models import EnrolmentCode
from ineen.audit.models import AuditEvent, Outcome
from tests.factories import PASSWORD

ISSUER = Actor.system(channel="cli")  # the operator's issue_enrolment_code command

CODE_PAGE = "web:mfa_enrolment_code"
MFA_PAGES = ["mfa_index", "mfa_activate_totp", "mfa_add_webauthn", "mfa_generate_recovery_codes"]


def _enter(client, code):
    return client.post(reverse(CODE_PAGE), {"code": code})


def _events(user, outcome=None):
    qs = AuditEvent.objects.filter(object_type="mfa_enrolment", detail__startswith=user.email)
    return qs.filter(outcome=outcome) if outcome else qs


@pytest.fixture
def newcomer(cast):
    """A professional who knows their password and has no second factor yet, logged in through the form
    (so allauth's re-authentication for activating an authenticator is fresh)."""
    http = Client()
    response = http.post(reverse("account_login"), {"login": cast.member.email, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in http.session
    return http


@pytest.mark.parametrize("name", MFA_PAGES)
def test_mfa_pages_need_the_code_first(name, cast, newcomer):
    response = newcomer.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse(CODE_PAGE)
    assert not Authenticator.objects.filter(user=cast.member).exists()


def test_cannot_enrol_an_authenticator_by_post_without_the_code(cast, newcomer):
    response = newcomer.post(reverse("mfa_activate_totp"), {"code": "123456"})
    assert response.status_code == 302
    assert response["Location"] == reverse(CODE_PAGE)
    assert not Authenticator.objects.filter(user=cast.member).exists()


def test_the_mfa_explanation_page_points_to_the_code_page(newcomer):
    html = newcomer.get(reverse("web:mfa_required")).content.decode()
    assert reverse(CODE_PAGE) in html
    assert reverse("mfa_activate_totp") not in html


def test_code_page_is_dutch_and_reachable_before_mfa(newcomer):
    response = newcomer.get(reverse(CODE_PAGE))
    assert response.status_code == 200
    assert "Vul uw inschrijfcode in" in response.content.decode()


def test_correct_code_opens_enrolment_and_a_totp_can_be_activated(cast, newcomer):
    code = enrolment.issue_code(user=cast.member, actor=cast.admin)
    response = _enter(newcomer, code.lower().replace("-", " "))  # typed loosely: still the code
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    assert EnrolmentCode.objects.get(user=cast.member).used_at is not None
    # allauth asks for the password again before a second factor is added; then the activation page.
    page = newcomer.get(reverse("mfa_activate_totp"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("account_reauthenticate"))
    page = newcomer.post(page["Location"], {"password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert page.status_code == 200
    secret = page.context["form"].secret
    totp = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    newcomer.post(reverse("mfa_activate_totp"), {"code": totp})
    assert Authenticator.objects.filter(user=cast.member, type=Authenticator.Type.TOTP).exists()
    assert newcomer.get(reverse("web:dashboard")).status_code == 200
    assert enrolment.SESSION_KEY not in newcomer.session, "the grant ends once a second factor is set up"
    assert [e.detail.split(" ", 1)[1] for e in _events(cast.member).order_by("pk")] == ["issued", "redeemed"]


def test_code_is_single_use(cast, newcomer):
    code = enrolment.issue_code(user=cast.member, actor=ISSUER)
    assert _enter(newcomer, code).status_code == 302
    other = Client()
    other.force_login(cast.member)
    assert _enter(other, code).status_code == 400
    assert other.get(reverse("mfa_activate_totp"))["Location"] == reverse(CODE_PAGE)


def test_the_grant_belongs_to_one_session(cast, newcomer):
    assert _enter(newcomer, enrolment.issue_code(user=cast.member, actor=ISSUER)).status_code == 302
    other = Client()
    other.force_login(cast.member)
    assert other.get(reverse("mfa_activate_totp"))["Location"] == reverse(CODE_PAGE)


def test_another_users_code_does_not_work(cast, newcomer):
    code = enrolment.issue_code(user=cast.director, actor=ISSUER)
    response = _enter(newcomer, code)
    assert response.status_code == 400
    assert EnrolmentCode.objects.get(user=cast.director).used_at is None


def test_five_wrong_codes_void_the_code(cast, newcomer):
    code = enrolment.issue_code(user=cast.member, actor=ISSUER)
    for _ in range(enrolment.MAX_ATTEMPTS):
        response = _enter(newcomer, "ABCD-EFGH-JKMN")
        assert response.status_code == 400
        assert "klopt niet" in response.content.decode()
    row = EnrolmentCode.objects.get(user=cast.member)
    assert row.failed_attempts == enrolment.MAX_ATTEMPTS and row.voided_at is not None
    assert _enter(newcomer, code).status_code == 400, "the right code after too many tries is refused"
    assert newcomer.get(reverse("mfa_activate_totp"))["Location"] == reverse(CODE_PAGE)
    assert _events(cast.member, Outcome.DENIED).count() == enrolment.MAX_ATTEMPTS + 1
    # A new code from the administrator works again.
    assert _enter(newcomer, enrolment.issue_code(user=cast.member, actor=ISSUER)).status_code == 302


def test_four_wrong_codes_then_the_right_one(cast, newcomer):
    code = enrolment.issue_code(user=cast.member, actor=ISSUER)
    for _ in range(enrolment.MAX_ATTEMPTS - 1):
        assert _enter(newcomer, "WRONG").status_code == 400
    assert _enter(newcomer, code).status_code == 302


def test_expired_code_is_refused(cast, newcomer):
    code = enrolment.issue_code(user=cast.member, actor=ISSUER)
    EnrolmentCode.objects.update(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    assert _enter(newcomer, code).status_code == 400


def test_code_valid_seven_days(cast):
    enrolment.issue_code(user=cast.member, actor=ISSUER)
    row = EnrolmentCode.objects.get()
    assert row.expires_at - row.created_at == timezone.timedelta(days=7)


def test_a_new_code_voids_the_earlier_one(cast, newcomer):
    first = enrolment.issue_code(user=cast.member, actor=ISSUER)
    second = enrolment.issue_code(user=cast.member, actor=ISSUER)
    assert _enter(newcomer, first).status_code == 400
    assert _enter(newcomer, second).status_code == 302


def test_only_a_hash_is_stored(cast):
    code = enrolment.issue_code(user=cast.member, actor=ISSUER)
    row = EnrolmentCode.objects.get()
    normalised = code.replace("-", "")
    assert code not in row.code_hash and normalised not in row.code_hash
    assert check_password(normalised, row.code_hash)
    assert not AuditEvent.objects.filter(detail__contains=normalised[:8]).exists()


def test_empty_code_is_a_form_error(newcomer):
    response = newcomer.post(reverse(CODE_PAGE), {"code": ""})
    assert response.status_code == 400
    assert "Vul de inschrijfcode in." in response.content.decode()


def test_email_address_cannot_be_changed_before_mfa(cast, newcomer):
    """The code is mailed to the account's address: changing it first would route the code elsewhere."""
    response = newcomer.post(reverse("account_email"), {"email": "attacker@evil.example", "action_add": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:mfa_required")
    cast.member.refresh_from_db()
    assert cast.member.email == "member@test.example"


def test_enrolled_user_needs_no_code(cast, login):
    http = login(cast.member)
    assert http.get(reverse("mfa_index")).status_code == 200
    assert "al ingesteld" in http.get(reverse(CODE_PAGE)).content.decode()


def test_demo_accounts_in_demo_mode_need_no_code(cast, client, settings):
    settings.DEMO_MODE = True
    cast.member.is_demo_account = True
    cast.member.save()
    client.force_login(cast.member)
    assert client.get(reverse("web:dashboard")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse(CODE_PAGE))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- issuing: the admin action and the management command ------------------------------------------


@pytest.fixture
def staff(cast, login):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    return login(cast.admin)


def _code_in(mail):
    line = next(line for line in mail.body.splitlines() if line.startswith("Inschrijfcode:"))
    return line.split(":", 1)[1].strip()


def test_admin_action_mails_the_code_and_never_shows_it(
    cast, newcomer, staff, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("admin:accounts_user_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {"action": "send_enrolment_code", "_selected_action": [cast.member.pk]}, follow=True)
    assert response.status_code == 200
    assert [m.to for m in mailoutbox] == [[cast.member.email]]
    code = _code_in(mailoutbox[0])
    assert code not in response.content.decode()
    assert code.replace("-", "") not in response.content.decode()
    row = EnrolmentCode.objects.get(user=cast.member)
    assert row.created_by == cast.admin
    event = _events(cast.member).get()
    assert event.actor == cast.admin and event.action == "create"
    assert _enter(newcomer, code).status_code == 302


def test_admin_action_needs_mfa_for_the_admin_too(cast, client):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    client.force_login(cast.admin)
    url = reverse("admin:accounts_user_changelist")
    response = client.post(url, {"action": "send_enrolment_code", "_selected_action": [cast.member.pk]})
    assert response.status_code == 302 and response["Location"] == reverse("web:mfa_required")
    assert not EnrolmentCode.objects.exists()


def test_command_mails_the_code(cast, mailoutbox, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("issue_enrolment_code", "--email", "MEMBER@test.example", stdout=out)
    assert [m.to for m in mailoutbox] == [[cast.member.email]]
    assert _code_in(mailoutbox[0]) not in out.getvalue()
    event = _events(cast.member).get()
    assert event.origin_channel == "cli" and event.role == "system"


def test_command_prints_the_code_without_mailing(cast, newcomer, mailoutbox):
    out = io.StringIO()
    call_command("issue_enrolment_code", "--email", cast.member.email, "--print", stdout=out)
    assert mailoutbox == []
    code = out.getvalue().split(": ", 1)[1].split()[0]
    assert _enter(newcomer, code).status_code == 302


def test_command_refuses_an_unknown_or_inactive_account(cast):
    with pytest.raises(CommandError):
        call_command("issue_enrolment_code", "--email", "nobody@test.example")
    cast.member.is_active = False
    cast.member.save()
    with pytest.raises(CommandError):
        call_command("issue_enrolment_code", "--email", cast.member.email)
    assert not EnrolmentCode.objects.exists()
