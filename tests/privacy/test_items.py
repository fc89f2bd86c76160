"""Information items: source, basis, visibility and consent decide who reads what."""

import pytest
from django.urls import reverse
from django.utils import timezone
from ineen.access import policy

from ineen.cases import actions
from ineen.cases.models import CaseNote
from ineen.privacy import actions as privacy_actions
from ineen.privacy.enums import Basis, ConsentForm, ConsentPurpose, Visibility
from tests.factories import OrganisationFactory


def note(case, author, text, **governance):
    concerns = governance.pop("concerns", [])
    shared_with = governance.pop("shared_with", [])
    return actions.add_note(
        case=case, by=author, note=CaseNote(text=text, **governance), concerns=concerns, shared_with=shared_with
    )


def readable(user, case):
    return {n.text for n in policy.visible_items(user, case.notes.all())}


@pytest.fixture
def parent(cast):
    return cast.case.household.members.first()


def test_team_visibility_is_read_by_the_whole_team(cast):
    note(cast.case, cast.member, "team")
    assert "team" in readable(cast.director, cast.case)
    assert "team" in readable(cast.expert, cast.case)


def test_source_only_is_read_only_by_the_source_and_signalled_to_others(cast):
    note(cast.case, cast.member, "secret", visibility=Visibility.SOURCE_ONLY)
    assert "secret" in readable(cast.member, cast.case)
    assert "secret" not in readable(cast.director, cast.case)
    visible, withheld = policy.split_items(cast.director, cast.case.notes.all())
    assert visible == []
    assert withheld == {cast.member.organisation_id}


def test_named_organisations_only(cast):
    note(
        cast.case,
        cast.member,
        "named",
        visibility=Visibility.NAMED_ORGANISATIONS,
        shared_with=[cast.director.organisation],
    )
    assert "named" in readable(cast.director, cast.case)
    assert "named" not in readable(cast.expert, cast.case)


def test_consent_item_visible_only_while_consent_holds(cast, parent):
    director = cast.director
    note(
        cast.case,
        cast.member,
        "health",
        basis=Basis.CONSENT,
        consent_purpose=ConsentPurpose.HEALTH_INFORMATION,
        is_health_information=True,
        concerns=[parent],
    )
    assert "health" not in readable(director, cast.case)  # no consent yet
    consent = privacy_actions.record_consent(
        case=cast.case,
        person=parent,
        organisation=cast.member.organisation,
        purpose=ConsentPurpose.HEALTH_INFORMATION,
        form=ConsentForm.WRITTEN,
        by=director,
    )
    assert "health" in readable(director, cast.case)
    privacy_actions.withdraw_consent(case=cast.case, consent=consent, by=director)
    assert "health" not in readable(director, cast.case)
    assert "health" in readable(cast.member, cast.case)  # the source keeps its own information


def test_consent_for_another_purpose_or_organisation_does_not_count(cast, parent):
    note(
        cast.case,
        cast.member,
        "health",
        basis=Basis.CONSENT,
        consent_purpose=ConsentPurpose.HEALTH_INFORMATION,
        concerns=[parent],
    )
    privacy_actions.record_consent(
        case=cast.case,
        person=parent,
        organisation=cast.member.organisation,
        purpose=ConsentPurpose.CASE_CONFERENCE,
        form=ConsentForm.VERBAL,
        by=cast.director,
    )
    privacy_actions.record_consent(
        case=cast.case,
        person=parent,
        organisation=OrganisationFactory(),
        purpose=ConsentPurpose.HEALTH_INFORMATION,
        form=ConsentForm.VERBAL,
        by=cast.director,
    )
    assert "health" not in readable(cast.director, cast.case)


def test_consent_is_needed_from_every_person_it_concerns(cast):
    first, second = list(cast.case.household.members.all())[:2]
    note(cast.case, cast.member, "both", basis=Basis.CONSENT, concerns=[first, second])
    privacy_actions.record_consent(
        case=cast.case,
        person=first,
        organisation=cast.member.organisation,
        purpose=ConsentPurpose.CASE_CONFERENCE,
        form=ConsentForm.WRITTEN,
        by=cast.director,
    )
    assert "both" not in readable(cast.director, cast.case)
    privacy_actions.record_consent(
        case=cast.case,
        person=second,
        organisation=cast.member.organisation,
        purpose=ConsentPurpose.CASE_CONFERENCE,
        form=ConsentForm.WRITTEN,
        by=cast.director,
    )
    assert "both" in readable(cast.director, cast.case)


def test_health_information_needs_more_than_the_covenant(cast, login, parent):
    url = reverse("web:note_add", args=[cast.case.public_id])
    response = login(cast.member).post(
        url,
        {"text": "GGZ-diagnose", "is_health_information": "on", "basis": Basis.COVENANT, "visibility": Visibility.TEAM},
    )
    assert response.status_code == 400
    assert "Medische of ggz-informatie" in response.content.decode()
    assert "GGZ-diagnose" in response.content.decode()  # nothing typed is lost
    assert cast.case.notes.count() == 0


def test_breach_of_secrecy_needs_a_reason(cast, login):
    url = reverse("web:note_add", args=[cast.case.public_id])
    response = login(cast.member).post(
        url, {"text": "x", "basis": Basis.BREACH_OF_SECRECY, "visibility": Visibility.TEAM}
    )
    assert response.status_code == 400
    response = login(cast.member).post(
        url,
        {
            "text": "x",
            "basis": Basis.BREACH_OF_SECRECY,
            "basis_reason": "Acute dreiging voor het kind",
            "visibility": "team",
        },
    )
    assert response.status_code == 302
    assert cast.case.notes.get().source_organisation == cast.member.organisation


def test_case_page_shows_signal_not_content(cast, login):
    note(cast.case, cast.member, "CONTENT-123", visibility=Visibility.SOURCE_ONLY)
    page = login(cast.director).get(reverse("web:case_household", args=[cast.case.public_id])).content.decode()
    assert "CONTENT-123" not in page
    assert f"neem contact op met {cast.member.organisation.name}" in page


def test_break_glass_grants_time_limited_read_only_access_and_reports(
    cast, login, mailoutbox, django_capture_on_commit_callbacks
):
    from ineen.accounts.enums import Role
    from ineen.accounts.models import RoleAssignment
    from tests.factories import make_user

    officer = make_user(cast.house, Role.PRIVACY_OFFICER)
    cast.house.partners.add(cast.outsider.organisation)
    case_url = reverse("web:case_detail", args=[cast.case.public_id])
    client = login(cast.outsider)
    assert client.get(case_url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy:break_glass"),
            {"reference": cast.case.reference, "reason": "Acuut: kind alleen thuis, politie vraagt info"},
        )
    assert response.status_code == 302
    assert client.get(case_url).status_code == 200
    assert client.get(reverse("web:note_add", args=[cast.case.public_id])).status_code == 404  # read-only
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert {cast.chair.email, officer.email} <= recipients
    assert all(cast.case.household.name not in mail.body for mail in mailoutbox)
    grant = cast.case.break_glass.get()
    grant.expires_at = timezone.now()
    grant.save()
    assert client.get(case_url).status_code == 404
    assert RoleAssignment.objects.filter(user=officer).exists()


def test_break_glass_refuses_unknown_and_foreign_cases_with_the_same_message(cast, login):
    client = login(cast.outsider)
    unknown = client.post(reverse("privacy:break_glass"), {"reference": "HGL-1999-9999", "reason": "x" * 20})
    other = login(cast.other_chair).post(
        reverse("privacy:break_glass"), {"reference": cast.case.reference, "reason": "x" * 20}
    )
    assert unknown.status_code == other.status_code == 400
    assert "geen noodtoegang" in unknown.content.decode() and "geen noodtoegang" in other.content.decode()
