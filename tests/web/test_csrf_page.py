"""The CSRF-failure page (settings.CSRF_FAILURE_VIEW): Dutch, Ineen's style, 403, nothing saved."""

from django.test import Client
from django.urls import reverse

from ineen.cases.models import Case


def test_an_expired_form_gets_the_dutch_page(cast):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=cast.member, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)
    before = Case.objects.count()
    response = client.post(reverse("web:dashboard"), {"x": "1"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Uw formulier is verlopen" in page
    assert "staat mogelijk nog in het vorige scherm" in page
    assert "CSRF" not in page  # not Django's technical page
    assert "stylesheet" in page  # the site's own layout
    assert Case.objects.count() == before


def test_anonymous_sees_it_too(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"login": "a", "password": "b"})
    assert response.status_code == 403
    assert "Uw formulier is verlopen" in response.content.decode()
