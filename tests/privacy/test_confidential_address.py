"""Confidential whereabouts: only named guardians, only after re-authentication, always audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ineen.access import policy
from ineen.audit.models import AuditEvent, Outcome
from ineen.households.models import Person
from ineen.privacy import actions as privacy_actions
from ineen.privacy.models import ConfidentialAddress
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


# --- the attack of the issue: a general form switched the protection off, the chair took the address over ----


def edit_url(cast, person):
    return reverse("privacy:address_edit", args=[cast.case.public_id, person.public_id])


def remove_url(cast, person):
    return reverse("privacy:address_remove", args=[cast.case.public_id, person.public_id])


def member_form(person, **changes):
    """The household-member edit form as a browser sends it: every general field, no protection flag."""
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_year": person.birth_year or "",
        "relationship": person.relationship,
        "living_at_home": "on",
        "language": person.language,
        "custody_notes": "gewijzigd",
        **changes,
    }


def denied(actor, purpose):
    return AuditEvent.objects.filter(actor=actor, outcome=Outcome.DENIED, purpose=purpose)


def test_general_member_form_cannot_switch_the_protection_off(cast, login, sheltered):
    """Step 1: a team member who is no guardian saves the member form (without the flag, or with it off)."""
    client = login(cast.expert)
    url = reverse("web:person_edit", args=[cast.case.public_id, sheltered.public_id])
    assert "has_confidential_address" not in client.get(url).content.decode()
    for data in (member_form(sheltered), member_form(sheltered, has_confidential_address="")):
        assert client.post(url, data).status_code == 302
    sheltered.refresh_from_db()
    assert sheltered.custody_notes == "gewijzigd"  # the form did save
    assert sheltered.has_confidential_address is True
    assert ConfidentialAddress.objects.get(person=sheltered).address == ADDRESS


def test_the_whole_attack_fails_and_the_guardian_keeps_the_address(cast, login, sheltered):
    """Steps 1-4: the general form, then the chair (no guardian) opens the address page, re-authenticates,
    sets a new address; the original guardian must still see the original address."""
    expert = login(cast.expert)
    expert.post(reverse("web:person_edit", args=[cast.case.public_id, sheltered.public_id]), member_form(sheltered))
    client = reauthenticated(login(cast.chair), cast.chair)
    assert client.get(edit_url(cast, sheltered)).status_code == 404
    assert denied(cast.chair, "geheim adres").exists()
    response = client.post(edit_url(cast, sheltered), {"address": "Elders 2", "reason": "Verhuisd."})
    assert response.status_code == 404
    record = ConfidentialAddress.objects.get(person=sheltered)
    assert record.address == ADDRESS
    assert set(record.guardians.all()) == {cast.director, cast.member}
    guardian = reauthenticated(login(cast.member), cast.member)
    page = guardian.get(reveal_url(cast, sheltered))
    assert page.status_code == 200 and ADDRESS in page.content.decode()


def test_an_address_record_without_the_flag_is_still_guarded(cast, login, sheltered):
    """Belt and braces: whatever cleared the flag, the record decides, and the client documents hide the member."""
    Person.objects.filter(pk=sheltered.pk).update(has_confidential_address=False)
    client = reauthenticated(login(cast.chair), cast.chair)
    assert client.get(edit_url(cast, sheltered)).status_code == 404
    assert client.post(edit_url(cast, sheltered), {"address": "Elders 2", "reason": "x"}).status_code == 404
    assert client.post(remove_url(cast, sheltered), {"opheffen-reason": "x"}).status_code == 404
    assert ConfidentialAddress.objects.get(person=sheltered).address == ADDRESS
    assert Person.objects.filter(policy.protected_q(), pk=sheltered.pk).exists()


def test_the_model_never_writes_the_flag_of_an_existing_member(cast, sheltered):
    sheltered.has_confidential_address = False
    sheltered.custody_notes = "opgeslagen"
    sheltered.save()
    sheltered.refresh_from_db()
    assert (sheltered.has_confidential_address, sheltered.custody_notes) == (True, "opgeslagen")


def test_the_chair_is_no_guardian_by_role(cast, sheltered):
    assert not policy.is_guardian(cast.chair, sheltered)
    assert not policy.may_change_address(cast.chair, cast.case, sheltered)
    assert policy.may_change_address(cast.member, cast.case, sheltered)  # a guardian, though no director


def test_the_action_refuses_a_non_guardian_too(cast, sheltered):
    with pytest.raises(PermissionDenied):
        privacy_actions.set_confidential_address(
            case=cast.case, person=sheltered, address="Elders", guardians=[], reason="x", actor=cast.chair
        )
    with pytest.raises(PermissionDenied):
        privacy_actions.remove_confidential_protection(case=cast.case, person=sheltered, reason="x", actor=cast.chair)


# --- the guardians' own flow -------------------------------------------------------------------------------


def test_chair_may_start_protection_and_name_guardians(cast, login, mailoutbox, django_capture_on_commit_callbacks):
    person = cast.case.household.members.last()
    client = reauthenticated(login(cast.chair), cast.chair)
    assert client.get(edit_url(cast, person)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(cast, person), {"address": ADDRESS, "guardians": [cast.member.pk], "reason": "Naar de opvang."}
        )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.has_confidential_address
    assert set(person.confidential_address.guardians.all()) == {cast.chair, cast.member}
    assert [m.to for m in mailoutbox] == [[cast.member.email]]
    assert ADDRESS not in mailoutbox[0].body and person.first_name not in mailoutbox[0].body
    assert cast.case.reference not in mailoutbox[0].body + mailoutbox[0].subject
    event = AuditEvent.objects.get(object_type="confidential_address", action="create")
    assert "Naar de opvang." in event.detail and ADDRESS not in event.detail


@pytest.mark.parametrize("who", ["member", "expert", "outsider", "former"])
def test_nobody_else_may_start_protection(cast, login, who):
    person = cast.case.household.members.last()
    user = getattr(cast, who)
    client = reauthenticated(login(user), user)
    assert client.post(edit_url(cast, person), {"address": ADDRESS, "reason": "x"}).status_code == 404
    assert not ConfidentialAddress.objects.exists()


def test_guardian_changes_address_with_a_reason_and_the_others_are_told(
    cast, login, sheltered, mailoutbox, django_capture_on_commit_callbacks
):
    client = reauthenticated(login(cast.member), cast.member)  # a guardian, not the chair nor the director
    page = client.get(edit_url(cast, sheltered))
    assert page.status_code == 200 and ADDRESS not in page.content.decode()
    no_reason = client.post(edit_url(cast, sheltered), {"address": "Nieuw 3", "guardians": [cast.director.pk]})
    assert no_reason.status_code == 400
    assert ConfidentialAddress.objects.get(person=sheltered).address == ADDRESS
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(cast, sheltered), {"address": "Nieuw 3", "guardians": [cast.director.pk], "reason": "Verhuisd."}
        )
    assert response.status_code == 302
    assert ConfidentialAddress.objects.get(person=sheltered).address == "Nieuw 3"
    assert [m.to for m in mailoutbox] == [[cast.director.email]]
    assert "Nieuw 3" not in mailoutbox[0].body and ADDRESS not in mailoutbox[0].body
    # Only the guardians change: the address may stay empty and is kept.
    client.post(edit_url(cast, sheltered), {"address": "", "guardians": [], "reason": "Regisseur eraf."})
    record = ConfidentialAddress.objects.get(person=sheltered)
    assert record.address == "Nieuw 3" and set(record.guardians.all()) == {cast.member}


def test_guardian_lifts_the_protection_with_a_reason(
    cast, login, sheltered, mailoutbox, django_capture_on_commit_callbacks
):
    client = reauthenticated(login(cast.member), cast.member)
    assert client.post(remove_url(cast, sheltered), {"opheffen-reason": ""}).status_code == 400
    assert ConfidentialAddress.objects.filter(person=sheltered).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_url(cast, sheltered), {"opheffen-reason": "Terug naar huis, veilig."})
    assert response.status_code == 302
    sheltered.refresh_from_db()
    assert not sheltered.has_confidential_address
    assert not ConfidentialAddress.objects.filter(person=sheltered).exists()  # deleted, not kept
    event = AuditEvent.objects.get(object_type="confidential_address", outcome=Outcome.ALLOWED, action="delete")
    assert "Terug naar huis" in event.detail
    assert [m.to for m in mailoutbox] == [[cast.director.email]]
    assert ADDRESS not in mailoutbox[0].body


@pytest.mark.parametrize("who", ["chair", "expert", "outsider"])
def test_non_guardians_cannot_lift_the_protection(cast, login, sheltered, who):
    user = getattr(cast, who)
    client = reauthenticated(login(user), user)
    assert client.post(remove_url(cast, sheltered), {"opheffen-reason": "Niet meer nodig."}).status_code == 404
    sheltered.refresh_from_db()
    assert sheltered.has_confidential_address and ConfidentialAddress.objects.filter(person=sheltered).exists()
    assert denied(user, "geheim adres opheffen").exists()


def test_referral_can_ask_for_protection_and_the_chair_then_records_it(cast, login):
    from ineen.cases.models import Case

    data = {
        "safety_house": cast.house.pk,
        "household_name": "Gezin Veilig",
        "summary": "Zorgen.",
        "clients_informed": "unknown",
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-0-first_name": "Yara",
        "person-0-last_name": "Veilig",
        "person-0-relationship": "parent",
        "person-0-language": "Nederlands",
        "person-0-has_confidential_address": "on",
    }
    assert login(cast.member).post(reverse("web:referral_new"), data).status_code == 302
    yara = Person.objects.get(first_name="Yara")
    assert yara.has_confidential_address and not ConfidentialAddress.objects.filter(person=yara).exists()
    case = Case.objects.get(household=yara.household)
    client = reauthenticated(login(cast.chair), cast.chair)
    url = reverse("privacy:address_edit", args=[case.public_id, yara.public_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"address": ADDRESS, "reason": "Gevraagd bij de aanmelding."}).status_code == 302
    assert policy.is_guardian(cast.chair, yara)


def test_guardians_find_their_way_from_the_household_page(cast, login, sheltered):
    url = reverse("web:case_household", args=[cast.case.public_id])
    assert reveal_url(cast, sheltered) in login(cast.member).get(url).content.decode()
    for other in (cast.expert, cast.chair):
        assert reveal_url(cast, sheltered) not in login(other).get(url).content.decode()
