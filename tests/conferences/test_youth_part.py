"""Young people's own voice (issue 11, point 9): the talk without parents, the youth part of the conference
with only young people and professionals, and its notes kept out of a parent's documents."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ineen.conferences import clients, report, schedule, youth
from ineen.conferences.enums import ConferenceState, PartKind
from ineen.conferences.models import Conference, ConferenceNote, ConferencePart, Invitation
from ineen.privacy.enums import Basis, Visibility

from .planning import household_fixture, member, plan  # noqa: F401  (household_fixture: a fixture)


def _youth_part(cast, conference):
    part = youth.add_youth_part(conference=conference, actor=cast.chair)
    assert youth.add_youth_part(conference=conference, actor=cast.chair) == part  # idempotent
    return part


def _note(cast, conference, part, text):
    note = ConferenceNote.objects.create(
        conference=conference,
        part=part,
        step="picture",
        author=cast.member,
        text=text,
        source_organisation=cast.member.organisation,
        visibility=Visibility.CLIENT_SHAREABLE,
        basis=Basis.COVENANT,
    )
    return note


def test_chair_adds_the_youth_part_and_invites_the_young_person(cast, household, login):
    conference = plan(cast)
    response = login(cast.chair).post(reverse("conferences:youth_part", args=[conference.public_id]))
    assert response.status_code == 302
    part = ConferencePart.objects.get(conference=conference, kind=PartKind.YOUTH)
    bram = member(cast, "Bram")
    schedule.invite_person(conference=conference, actor=cast.chair, part=part, person=bram)
    schedule.invite_user(conference=conference, actor=cast.chair, part=part, user=cast.member, reason="Mentor.")
    assert Invitation.objects.filter(part=part).count() == 2
    page = login(cast.chair).get(reverse("conferences:detail", args=[conference.public_id])).content.decode()
    assert "Eigen deel jongere (zonder ouders)" in page


def test_only_the_chair_adds_the_youth_part(cast, household, login):
    conference = plan(cast)
    url = reverse("conferences:youth_part", args=[conference.public_id])
    for user in (cast.director, cast.member, cast.outsider):
        assert login(user).post(url).status_code == 404
    assert not ConferencePart.objects.filter(kind=PartKind.YOUTH).exists()


def test_a_parent_invited_to_the_youth_part_is_refused(cast, household, login):
    conference = plan(cast)
    part = _youth_part(cast, conference)
    anna = member(cast, "Anna")  # the mother
    with pytest.raises(ValidationError) as refused:
        schedule.invite_person(conference=conference, actor=cast.chair, part=part, person=anna)
    assert "alleen voor de jongere" in refused.value.message_dict["person"][0]
    # the planning form refuses it too, with the message
    response = login(cast.chair).post(
        reverse("conferences:invite_person", args=[conference.public_id]), {"person": anna.pk, "part": part.pk}
    )
    assert response.status_code == 400
    assert "alleen voor de jongere" in response.content.decode()
    # and "always invited, unless" never puts the household in it
    with pytest.raises(ValidationError):
        clients.invite_household(conference=conference, client_part=part, actor=cast.chair)
    assert not Invitation.objects.filter(part=part, person=anna).exists()


def test_youth_part_notes_are_absent_from_the_parents_report_and_present_in_the_young_persons(cast, household):
    conference = plan(cast)
    part = _youth_part(cast, conference)
    bram, anna = member(cast, "Bram"), member(cast, "Anna")
    schedule.invite_person(conference=conference, actor=cast.chair, part=part, person=bram)
    whole = conference.parts.get(kind=PartKind.WHOLE)
    _note(cast, conference, part, "MK-YOUTH-NOTE: wil bij oma wonen.")
    _note(cast, conference, whole, "MK-WHOLE-NOTE: afspraken.")
    Conference.objects.filter(pk=conference.pk).update(state=ConferenceState.ENDED)
    conference.refresh_from_db()
    for_parent = [n.text for n in report.client_report(conference, anna)["notes"]]
    for_young = [n.text for n in report.client_report(conference, bram)["notes"]]
    assert not any("MK-YOUTH-NOTE" in t for t in for_parent)
    assert any("MK-WHOLE-NOTE" in t for t in for_parent)
    assert any("MK-YOUTH-NOTE" in t for t in for_young)


def test_youth_part_notes_are_absent_from_the_parents_printed_report(cast, household, login):
    conference = plan(cast)
    part = _youth_part(cast, conference)
    bram, anna = member(cast, "Bram"), member(cast, "Anna")
    schedule.invite_person(conference=conference, actor=cast.chair, part=part, person=bram)
    _note(cast, conference, part, "MK-YOUTH-NOTE")
    Conference.objects.filter(pk=conference.pk).update(state=ConferenceState.ENDED)
    client = login(cast.chair)
    parent = client.get(reverse("conferences:client_report", args=[conference.public_id, anna.public_id]))
    young = client.get(reverse("conferences:client_report", args=[conference.public_id, bram.public_id]))
    assert parent.status_code == young.status_code == 200
    assert "MK-YOUTH-NOTE" not in parent.content.decode()
    assert "MK-YOUTH-NOTE" in young.content.decode()


def test_talk_without_parents_only_for_a_young_person_and_shown_as_theirs(cast, household, login):
    conference = plan(cast)
    bram, anna = member(cast, "Bram"), member(cast, "Anna")
    with pytest.raises(ValidationError) as refused:
        clients.record_preparation_talk(
            conference=conference, actor=cast.director, person=anna, coming_as="in_person", without_parents=True
        )
    assert "without_parents" in refused.value.error_dict
    url = reverse("conferences:client_talk", args=[conference.public_id, bram.public_id])
    response = login(cast.director).post(
        url, {"coming_as": "in_person", "wants_discussed": "MK-BRAM-WISH", "without_parents": "on"}
    )
    assert response.status_code == 302
    overview = login(cast.chair).get(reverse("conferences:prepare_overview", args=[conference.public_id]))
    html = overview.content.decode()
    assert "In eigen woorden van Bram (gesproken zonder ouders)" in html and "MK-BRAM-WISH" in html


def test_talk_held_without_parents_never_in_the_parents_report(cast, household, login):
    conference = plan(cast)
    bram, anna = member(cast, "Bram"), member(cast, "Anna")
    clients.record_preparation_talk(
        conference=conference,
        actor=cast.director,
        person=bram,
        coming_as="not_attending",
        message="MK-BRAM-MESSAGE",
        without_parents=True,
    )
    Conference.objects.filter(pk=conference.pk).update(state=ConferenceState.ENDED)
    parent = login(cast.chair).get(reverse("conferences:client_report", args=[conference.public_id, anna.public_id]))
    assert parent.status_code == 200 and "MK-BRAM-MESSAGE" not in parent.content.decode()


def test_workspace_works_the_youth_part_like_other_parts(cast, household, login):
    conference = plan(cast)
    part = _youth_part(cast, conference)
    schedule.invite_person(conference=conference, actor=cast.chair, part=part, person=member(cast, "Bram"))
    _note(cast, conference, part, "MK-YOUTH-WS")
    Conference.objects.filter(pk=conference.pk).update(state=ConferenceState.LIVE, current_step="picture")
    page = login(cast.chair).get(reverse("conferences:workspace", args=[conference.public_id]) + "?weergave=beeld")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Eigen deel jongere (zonder ouders)" in html


def test_edit_form_does_not_split_a_conference_with_only_a_youth_part(cast, household, login):
    conference = plan(cast)
    _youth_part(cast, conference)
    page = login(cast.chair).get(reverse("conferences:edit", args=[conference.public_id])).content.decode()
    assert 'name="split" id="id_split" checked' not in page and "checked" not in page.split('name="split"')[1][:40]
