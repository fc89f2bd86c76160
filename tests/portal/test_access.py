"""What a client session can reach (only its own person and case), the separation from professional logins,
who may grant (and for whom), and the audit of every client read and write."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent, Outcome
from ineen.cases import actions as case_actions
from ineen.cases.models import CaseNote
from ineen.portal import actions, session
from ineen.portal.models import ClientAccess
from ineen.privacy.enums import Visibility
from tests.factories import CLOSURE_PLAN, active_case
from tests.security.conftest import recently_reauthenticated

from .conftest import anna, bram, sign_in

pytestmark = pytest.mark.django_db

CLIENT_URLS = ["portal:home", "portal:dispute", "portal:evaluation"]


def _note(cast, person, text, visibility=Visibility.CLIENT_SHAREABLE):
    note = CaseNote.objects.create(
        case=cast.case,
        author=cast.member,
        text=text,
        source_organisation=cast.member.organisation,
        visibility=visibility,
    )
    note.concerns.set([person])
    return note


def test_portal_urls_carry_no_ids():
    from ineen.portal import urls

    assert get_resolver().resolve("/mijn/klopt-niet/").url_name == "dispute"  # never taken for a token
    for entry in urls.urlpatterns:
        route = str(entry.pattern)
        if route.startswith("mijn/"):
            assert "uuid" not in route and "int" not in route and "slug" not in route, route


def test_client_sees_only_their_own_items(cast, portal):
    http, _access = portal
    _note(cast, anna(cast), "Moeder gaat elke week naar de cursus.")
    _note(cast, bram(cast), "Bram heeft moeite op school.")
    _note(cast, anna(cast), "Geheim van de politie.", visibility=Visibility.TEAM)
    for name in CLIENT_URLS:
        body = http.get(reverse(name)).content.decode()
        assert "Bram heeft moeite" not in body and "Geheim van de politie" not in body, name
    assert "Moeder gaat elke week" in http.get(reverse("portal:dispute")).content.decode()


def test_forged_item_of_another_member_is_refused(cast, portal):
    http, _access = portal
    other = _note(cast, bram(cast), "Bram heeft moeite op school.")
    response = http.post(
        reverse("portal:dispute"),
        {"item": f"notitie:{other.public_id}", "kind": "disputed", "account": "Niet waar."},
    )
    assert response.status_code == 400
    from ineen.privacy.models import Dispute

    assert not Dispute.objects.exists()


def test_two_members_two_sessions_never_mix(cast, grant):
    _a, token_a, code_a = grant()
    _b, token_b, code_b = grant(person=bram(cast))
    _note(cast, bram(cast), "Bram heeft moeite op school.")
    http = Client()
    sign_in(http, token_a, code_a)
    assert "Hallo Anna" in http.get(reverse("portal:home")).content.decode()
    assert "Bram heeft moeite" not in http.get(reverse("portal:dispute")).content.decode()
    # Anna's code on Bram's link: refused (each link has its own code).
    assert sign_in(http, token_b, code_a).status_code == 400


def test_client_session_does_not_open_professional_pages(cast, portal):
    http, _access = portal
    for url in (
        reverse("web:case_detail", args=[cast.case.public_id]),
        reverse("web:case_household", args=[cast.case.public_id]),
        reverse("portal:manage", args=[cast.case.public_id]),
        reverse("privacy:transparency", args=[cast.case.public_id, anna(cast).public_id]),
    ):
        response = http.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), url


def test_professional_session_gets_no_portal(cast, grant, login):
    _access, token, code = grant()
    http = login(cast.director)
    for url in [reverse(n) for n in CLIENT_URLS] + [reverse("portal:code", args=[token])]:
        assert http.get(url).status_code == 404, url
    assert sign_in(http, token, code).status_code == 404
    assert session.ACCESS_KEY not in http.session


def test_professional_login_drops_a_client_session(cast, portal):
    from django.contrib.auth import login as auth_login
    from django.test import RequestFactory

    http, _access = portal
    request = RequestFactory().get("/")
    request.session = http.session
    assert session.ACCESS_KEY in request.session
    auth_login(request, cast.member, backend="django.contrib.auth.backends.ModelBackend")
    assert session.ACCESS_KEY not in request.session


def _grant_post(http, cast, person):
    return http.post(reverse("portal:manage", args=[cast.case.public_id]), {"person": str(person.public_id)})


@pytest.mark.parametrize("role", ["chair", "director"])
def test_chair_and_director_grant_and_see_the_code_once(cast, login, role):
    user = getattr(cast, role)
    http = login(user)
    recently_reauthenticated(http, user)
    response = _grant_post(http, cast, anna(cast))
    assert response.status_code == 200
    body = response.content.decode()
    access = ClientAccess.objects.get(person=anna(cast))
    code = response.context["code"]
    assert code in body and "/mijn/" in body
    token = response.context["link"].rstrip("/").rsplit("/", 1)[1]
    stored = json.dumps(dict(http.session.items()), default=str)
    assert code not in stored and code.replace("-", "") not in stored and token not in stored
    assert access.token_hash == actions.hash_token(token)
    page = http.get(reverse("portal:manage", args=[cast.case.public_id])).content.decode()
    assert code not in page and str(access.get_status_display()) in page


def test_grant_needs_a_fresh_login(cast, login):
    http = login(cast.director)
    response = _grant_post(http, cast, anna(cast))
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert not ClientAccess.objects.exists()


@pytest.mark.parametrize("role", ["member", "expert", "outsider", "other_chair"])
def test_others_may_not_grant(cast, login, role):
    user = getattr(cast, role)
    http = login(user)
    recently_reauthenticated(http, user)
    assert http.get(reverse("portal:manage", args=[cast.case.public_id])).status_code == 404
    assert _grant_post(http, cast, anna(cast)).status_code == 404
    assert not ClientAccess.objects.exists()


def test_no_grant_for_a_member_of_another_household(cast, login):
    other = active_case(cast.chair, cast.member, cast.director, name="Gezin Anders")
    stranger = other.household.members.first()
    http = login(cast.director)
    recently_reauthenticated(http, cast.director)
    assert _grant_post(http, cast, stranger).status_code == 404
    assert not ClientAccess.objects.exists()
    assert AuditEvent.objects.filter(outcome=Outcome.DENIED, object_id=str(stranger.public_id)).exists()


def test_no_grant_in_a_closed_case(cast, login):
    case_actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    http = login(cast.chair)
    recently_reauthenticated(http, cast.chair)
    assert _grant_post(http, cast, anna(cast)).status_code == 404
    with pytest.raises(ValidationError):  # the domain action refuses too
        actions.grant_access(actor=cast.chair, case=cast.case, person=anna(cast))
    assert not ClientAccess.objects.exists()


def test_revoke_only_through_its_own_case(cast, grant, login):
    access, _token, _code = grant()
    other = active_case(cast.chair, cast.member, cast.director, name="Gezin Anders")
    http = login(cast.director)
    wrong = reverse("portal:revoke", args=[other.public_id, access.public_id])
    assert http.post(wrong).status_code == 404
    access.refresh_from_db()
    assert access.revoked_at is None
    right = reverse("portal:revoke", args=[cast.case.public_id, access.public_id])
    assert http.post(right).status_code == 302
    access.refresh_from_db()
    assert access.revoked_at is not None and access.revoked_by == cast.director


def test_granting_anew_revokes_the_old_access(cast, grant):
    first, token, code = grant()
    second, _t, _c = grant()
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert sign_in(Client(), token, code).status_code == 400


def test_fixed_token_is_for_the_demo_only(cast, settings):
    settings.DEMO_MODE = False
    with pytest.raises(ValueError):
        actions.grant_access(actor=cast.director, case=cast.case, person=anna(cast), token="x" * 43, code="ABCDEFGH")


def test_every_client_read_and_write_is_audited_with_the_client_label(cast, portal):
    http, access = portal
    label = f"Cliënt via eigen toegang ({access.short_id})"
    start = AuditEvent.objects.count()
    http.get(reverse("portal:home"))
    http.get(reverse("portal:dispute"))
    http.get(reverse("portal:evaluation"))
    events = list(AuditEvent.objects.order_by("pk")[start:])
    assert len(events) == 3
    for event in events:
        assert event.actor_label == label and event.actor_id is None
        assert event.origin_channel == "client" and event.role == "client"
        assert str(anna(cast).public_id) in event.person_ids
    grants = AuditEvent.objects.filter(object_type="client_access", object_id=str(access.public_id), action="create")
    assert grants.get().actor_id == cast.director.pk


def test_transparency_shows_the_members_own_access(cast, portal, login):
    http, _access = portal
    http.get(reverse("portal:home"))
    sign_in(Client(), "Q" * 43, "ZZZZZZZZ")  # an unknown link: not about Anna
    prof = login(cast.director)
    page = prof.get(reverse("privacy:transparency", args=[cast.case.public_id, anna(cast).public_id]))
    body = page.content.decode()
    assert "U hebt zelf gekeken" in body
    assert "Eigen toegang gegeven door" in body
    assert timezone.localdate().strftime("%Y") in body
    bram_page = prof.get(reverse("privacy:transparency", args=[cast.case.public_id, bram(cast).public_id]))
    assert "U hebt zelf gekeken" not in bram_page.content.decode()
