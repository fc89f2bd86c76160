"""Confidential whereabouts: only named guardians, only after re-authentication, always audited."""

import pytest
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.privacy import actions as privacy_actions
from tests.support.reauth import reauthenticated

ADDRESS = "Blijf-van-mijn-lijfhuis, Geheimstraat 1"


@pytest.fixture
def sheltered(cast):
    person = cast.case.household.members.first()
    privacy_actions.set_confidential_address(
        case=cast.case, person=person, address=ADDRESS, guardians=[cast.member], actor=cast.director
    )
    return person


def reveal_url(cast, person):
    return reverse("privacy:address_reveal", args=[cast.case.public_id, person.public_id])


def test_guardian_sees_address_after_reauthentication_and_it_is_audited(cast, login, sheltered):
    client = login(cast.member)
    first = client.get(reveal_url(cast, sheltered))
    assert first.status_code == 302 and "reauthenticate" in first["Location"]
    response = reauthenticated(client, cast.member).get(reveal_url(cast, sheltered))
    assert response.status_code == 200
    assert ADDRESS in response.content.decode()
    reveals = AuditEvent.objects.filter(object_type="confidential_address", action="view", actor=cast.member)
    assert [e.person_ids for e in reveals] == [[str(sheltered.public_id)]]


@pytest.mark.parametrize("who", ["expert", "chair", "outsider", "former"])
def test_non_guardians_get_404_even_when_in_the_team(cast, login, sheltered, who):
    client = reauthenticated(login(getattr(cast, who)), getattr(cast, who))
    assert client.get(reveal_url(cast, sheltered)).status_code == 404


def test_address_appears_on_no_other_page(cast, login, sheltered, mailoutbox):
    client = reauthenticated(login(cast.member), cast.member)
    pages = [
        reverse("web:case_detail", args=[cast.case.public_id]),
        reverse("web:dashboard"),
        reverse("privacy:overview", args=[cast.case.public_id]),
        reverse("privacy:transparency", args=[cast.case.public_id, sheltered.public_id]),
    ]
    director = reauthenticated(login(cast.director), cast.director)
    for page in pages:
        assert ADDRESS not in client.get(page).content.decode()
        assert ADDRESS not in director.get(page).content.decode()
    assert all(ADDRESS not in mail.body for mail in mailoutbox)


def test_case_director_without_guardianship_cannot_overwrite_the_address(cast, login, sheltered):
    privacy = sheltered.confidential_address
    privacy.guardians.remove(cast.director)
    client = reauthenticated(login(cast.director), cast.director)
    url = reverse("privacy:address_edit", args=[cast.case.public_id, sheltered.public_id])
    assert client.post(url, {"address": "elders"}).status_code == 404
    sheltered.confidential_address.refresh_from_db()
    assert sheltered.confidential_address.address == ADDRESS
