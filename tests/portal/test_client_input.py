"""Junk through a client session (the security suite's junk and message tests cover the professionals' posts;
the client's are posted here): never a 500, always the same page with a Dutch message, nothing of the
client's data in a cookie or a stored message."""

import pytest
from django.urls import reverse

from ineen.privacy.models import Dispute

pytestmark = pytest.mark.django_db

JUNK = ["", " ", "x" * 5000, "\u202e", "<script>alert(1)</script>", "notitie:", "notitie:nope", "bijlage:" + "0" * 36]


@pytest.mark.parametrize("junk", JUNK)
def test_dispute_junk_is_a_form_error(cast, portal, junk):
    http, _access = portal
    for field in ("item", "kind", "account"):
        data = {"item": "notitie:x", "kind": "disputed", "account": "Klopt niet.", field: junk}
        response = http.post(reverse("portal:dispute"), data)
        assert response.status_code == 400, (field, junk)
    assert not Dispute.objects.exists()


@pytest.mark.parametrize("junk", JUNK + ["11", "-1", "7.5"])
def test_evaluation_and_code_junk_is_never_a_500(cast, portal, junk):
    http, _access = portal
    assert http.post(reverse("portal:evaluation"), {"client-anything": junk, "comment": junk}).status_code < 500
    from django.test import Client

    assert Client().post(reverse("portal:code", args=["A" * 43]), {"code": junk}).status_code == 400


def test_no_client_data_in_cookies_or_messages(cast, portal):
    http, _access = portal
    http.get(reverse("portal:home"))
    for cookie in http.cookies.values():
        assert "Anna" not in cookie.value and "Test" not in cookie.value


@pytest.mark.parametrize("junk", JUNK + ["11", "-1", "7.5", "0"])
def test_preparation_and_scores_junk_is_never_a_500(cast, portal, junk):
    from tests.portal.test_portal_pages import _plan_conference

    _plan_conference(cast)
    http, _access = portal
    for data in (
        {"worries": junk, "going_well": junk, "needs": junk, "ideas": junk, "version": junk},
        {"safety": junk, "life": junk, "safety_words": junk, "life_words": junk, "safety_version": junk},
    ):
        for name in ("portal:preparation", "portal:scores"):
            assert http.post(reverse(name), data).status_code < 500, (name, junk)
