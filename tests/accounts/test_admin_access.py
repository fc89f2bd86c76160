"""Who gets into /beheer/: the functional-admin role (and superusers), nobody else; is_staff alone no longer."""

import pytest
from django.conf import settings
from django.urls import reverse

from ineen.accounts.models import User

INDEX = reverse("admin:index")
ROLES = ["chair", "director", "member", "expert", "outsider", "former", "manager", "researcher", "other_chair"]


def test_functional_admin_role_opens_beheer(cast, login):
    assert login(cast.admin).get(INDEX).status_code == 200  # no is_staff, no Django permissions needed
    assert login(cast.admin).get(reverse("admin:accounts_user_changelist")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_other_roles_find_no_admin(role, cast, login):
    client = login(getattr(cast, role))
    for url in (INDEX, reverse("admin:accounts_user_changelist"), reverse("admin:login")):
        assert client.get(url).status_code == 404, url


def test_is_staff_alone_opens_nothing(cast, login):
    cast.member.is_staff = True
    cast.member.save()
    assert login(cast.member).get(INDEX).status_code == 404


def test_superuser_gets_in(db, login):
    assert login(User.objects.create_superuser("boss@test.example", "x" * 16)).get(INDEX).status_code == 200


def test_inactive_admin_gets_nothing(cast, client):
    cast.admin.is_active = False
    cast.admin.save()
    client.force_login(cast.admin)
    assert client.get(INDEX).status_code in (302, 404)
    assert "Accounts" not in client.get(INDEX, follow=True).content.decode()


def test_anonymous_goes_to_the_ordinary_login(db, client):
    response = client.get(INDEX, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse(settings.LOGIN_URL))


def test_admin_login_form_is_gone(cast, client):
    """Django's admin login would log in with a password only, past allauth's second factor."""
    cast.admin.set_password("correct-horse-battery-staple")
    cast.admin.save()
    response = client.post(
        reverse("admin:login"), {"username": cast.admin.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 405
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:login"))["Location"].startswith(reverse(settings.LOGIN_URL))
