"""Scheduling a conference: planning, the table rules (always invited unless; no clients in a closed
part; stalking / intimate terror never in one part; keep it small), attendance, cancellation, access."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.conferences import schedule
from ineen.conferences.enums import Attendance, ConferenceState, PartKind
from ineen.conferences.models import ClientNotInvited, Conference, Invitation, KeepApart
from ineen.guide import queries as guide_queries
from ineen.guide.enums import Phase

from .planning import (  # noqa: F401  (household_fixture: a fixture)
    client_part,
    fresh,
    household_fixture,
    member,
    part,
    plan,
    soon,
    stalking,
    team_member,
)

APART = "stalking of intieme terreur"


def _post_data(cast, **extra):
    data = {
        "kind": "focus",
        "phase": Phase.IMMEDIATE_SAFETY,
        "tree_phase": Phase.IMMEDIATE_SAFETY,
        "goal": "Zicht op de veiligheid.",
        "starts_at": soon().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "location": "ZVH, zaal 2",
        "online_url": "",
    }
    version = guide_queries.current_version()
    data["chosen_items"] = [i.pk for i in guide_queries.default_selection(version, Phase.IMMEDIATE_SAFETY)]
    for person in cast.case.household.members.all():
        data[f"invite_{person.public_id}"] = "invite"
    data.update(extra)
    return data


# --- planning -------------------------------------------------------------------------------------


def test_chair_plans_a_conference_from_the_case(cast, household, login):
    client = login(cast.chair)
    page = client.get(reverse("conferences:schedule", args=[cast.case.public_id]))
    assert page.status_code == 200
    assert b'name="chosen_items"' in page.content and b"Gezinsleden: altijd uitgenodigd, tenzij" in page.content
    response = client.post(reverse("conferences:schedule", args=[cast.case.public_id]), _post_data(cast))
    conference = Conference.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "conferences:detail", args=[conference.public_id]
    )
    assert conference.guide_version.is_current and conference.chair == cast.chair
    assert conference.chosen_items.count() == len(_post_data(cast)["chosen_items"])
    assert [p.kind for p in conference.parts.all()] == [PartKind.WHOLE]
    assert conference.invitations.filter(person__isnull=False).count() == 3  # everyone, also Carla
    assert AuditEvent.objects.filter(
        object_type="conference", object_id=str(conference.public_id), action="create"
    ).exists()


def test_default_parts_are_the_guides_selection(cast, household):
    conference = plan(cast, phase=Phase.STABLE_SAFETY)
    expected = set(guide_queries.default_selection(conference.guide_version, Phase.STABLE_SAFETY))
    assert set(conference.chosen_items.all()) == expected


def test_phase_change_loads_the_tree_for_that_phase(cast, household, login):
    client = login(cast.chair)
    response = client.get(
        reverse("conferences:schedule", args=[cast.case.public_id]), {"phase": Phase.RECOVERY}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert b'id="guide-tree"' in response.content and b"<html" not in response.content
    assert b"Hoe zien gezinsleden de toekomst voor ogen?" in response.content


def test_parts_of_another_phase_are_refused(cast, household):
    version = guide_queries.current_version()
    other = guide_queries.default_selection(version, Phase.RECOVERY).exclude(phase="")
    with pytest.raises(ValidationError) as error:
        plan(cast, phase=Phase.IMMEDIATE_SAFETY, chosen_items=list(other))
    assert "chosen_items" in error.value.message_dict


def test_not_inviting_a_household_member_needs_a_weighty_reason(cast, household, login):
    anna = member(cast, "Anna")
    client = login(cast.chair)
    url = reverse("conferences:schedule", args=[cast.case.public_id])
    response = client.post(url, _post_data(cast, **{f"invite_{anna.public_id}": "not"}))
    assert response.status_code == 400
    assert "Niet uitnodigen kan alleen met een zwaarwegende reden" in response.content.decode()
    assert not Conference.objects.exists()
    response = client.post(
        url,
        _post_data(
            cast, **{f"invite_{anna.public_id}": "not", f"reason_{anna.public_id}": "Ernstige dreiging bij contact."}
        ),
    )
    assert response.status_code == 302
    conference = Conference.objects.get()
    assert ClientNotInvited.objects.get(conference=conference).person == anna
    assert not conference.invitations.filter(person=anna).exists()


def test_withdrawing_a_household_member_needs_the_reason_too(cast, household):
    conference = plan(cast)
    invitation = conference.invitations.get(person=member(cast, "Bram"))
    with pytest.raises(ValidationError):
        schedule.uninvite(invitation=invitation, actor=cast.chair, reason=" ")
    schedule.uninvite(invitation=invitation, actor=cast.chair, reason="Te jong; de casusregisseur spreekt hem vooraf.")
    assert ClientNotInvited.objects.filter(conference=conference, person__first_name="Bram").exists()
    with pytest.raises(ValidationError):
        schedule.record_non_invitation(conference=conference, actor=cast.chair, person=member(cast, "Anna"), reason="")


def test_split_conference_never_takes_clients_in_the_closed_part(cast, household, login):
    conference = plan(cast, split=True)
    closed, open_part = part(conference, PartKind.CLOSED), part(conference, PartKind.OPEN)
    assert conference.invitations.filter(person__isnull=False, part=closed).count() == 0
    assert conference.invitations.filter(person__isnull=False, part=open_part).count() == 3
    schedule.uninvite(
        invitation=conference.invitations.get(person__first_name="Bram"),
        actor=cast.chair,
        reason="Eerst apart gesproken.",
    )
    with pytest.raises(ValidationError) as error:
        schedule.invite_person(conference=conference, actor=cast.chair, part=closed, person=member(cast, "Bram"))
    assert "besloten deel" in error.value.message_dict["part"][0]
    # Through the page: the closed part is not even offered, and a forged post is refused.
    client = login(cast.chair)
    page = client.get(reverse("conferences:detail", args=[conference.public_id])).content.decode()
    assert f'<option value="{closed.pk}"' not in page.split('id="invite-person-part"')[1].split("</select>")[0]
    response = client.post(
        reverse("conferences:invite_person", args=[conference.public_id]),
        {"person": member(cast, "Bram").pk, "part": closed.pk},
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(part=closed, person__isnull=False).exists()


def test_stalking_pair_is_never_invited_to_the_same_part(cast, household, login):
    anna, carla = member(cast, "Anna"), member(cast, "Carla")
    stalking(cast, used=carla, experienced=anna)
    with pytest.raises(ValidationError) as error:  # both invited by default: refused, naming the rule
        plan(cast)
    assert APART in " ".join(error.value.messages)
    conference = plan(cast, not_invited={carla: "Stalking; de casusregisseur brengt haar inbreng mee."})
    client = login(cast.chair)
    response = client.post(
        reverse("conferences:invite_person", args=[conference.public_id]),
        {"person": carla.pk, "part": client_part(conference).pk},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert APART in text and "Carla Zonnebloem en Anna Zonnebloem kunnen niet" in text
    assert "Volgt haar naar het werk" not in text  # the rule, not the details
    assert not conference.invitations.filter(person=carla).exists()


def test_recorded_intimate_terror_pair_is_kept_apart(cast, household, login):
    anna, bram = member(cast, "Anna"), member(cast, "Bram")
    conference = plan(cast, not_invited={bram: "Eerst een apart gesprek."})
    client = login(cast.chair)
    response = client.post(
        reverse("conferences:keep_apart", args=[conference.public_id]),
        {"person_a": bram.pk, "person_b": anna.pk, "reason": "Intieme terreur."},
    )
    assert response.status_code == 302
    pair = KeepApart.objects.get()
    assert (pair.person_a, pair.person_b) == tuple(sorted((anna, bram), key=lambda p: p.pk))
    with pytest.raises(ValidationError) as error:
        schedule.invite_person(conference=conference, actor=cast.chair, part=client_part(conference), person=bram)
    assert APART in error.value.message_dict["person"][0]
    # It holds for the household's next conference too.
    with pytest.raises(ValidationError):
        plan(cast, starts_at=soon(days=20))


def test_pair_already_at_the_table_shows_a_warning(cast, household, login):
    conference = plan(cast)
    schedule.keep_apart(
        conference=conference,
        actor=cast.chair,
        person_a=member(cast, "Anna"),
        person_b=member(cast, "Bram"),
        reason="Intieme terreur.",
    )
    page = login(cast.chair).get(reverse("conferences:detail", args=[conference.public_id])).content.decode()
    assert "zijn allebei uitgenodigd" in page and APART in page


def test_more_than_eight_at_the_table_shows_a_warning(cast, household, login):
    conference = plan(cast, not_invited={member(cast, n): "Apart gesproken." for n in ("Anna", "Bram", "Carla")})
    client = login(cast.chair)
    url = reverse("conferences:detail", args=[conference.public_id])
    users = [cast.member, cast.director, cast.expert] + [team_member(cast, f"p{i}@test.example") for i in range(5)]
    for user in users[:7]:
        schedule.invite_user(
            conference=conference, actor=cast.chair, part=client_part(conference), user=user, reason="Nodig."
        )
    assert "was de grens in de testfase" not in client.get(url).content.decode()  # 7 + the chair = 8
    schedule.invite_user(
        conference=conference, actor=cast.chair, part=client_part(conference), user=users[7], reason="Nodig."
    )
    page = client.get(url).content.decode()
    assert "9 mensen aan tafel" in page and "8 was de grens in de testfase" in page


def test_only_team_members_are_invited_with_a_reason(cast, household):
    conference = plan(cast)
    with pytest.raises(ValidationError) as error:
        schedule.invite_user(
            conference=conference, actor=cast.chair, part=client_part(conference), user=cast.outsider, reason="Nodig."
        )
    assert "casusteam" in error.value.message_dict["user"][0]
    with pytest.raises(ValidationError):
        schedule.invite_user(
            conference=conference, actor=cast.chair, part=client_part(conference), user=cast.member, reason="  "
        )


def test_attendance_is_recorded_per_invitation(cast, household, login):
    conference = plan(cast)
    schedule.invite_user(
        conference=conference, actor=cast.chair, part=client_part(conference), user=cast.member, reason="Nodig."
    )
    invitations = list(conference.invitations.all())
    data = {f"a_{inv.public_id}": Attendance.PHYSICAL for inv in invitations}
    member_inv = conference.invitations.get(user=cast.member)
    data[f"a_{member_inv.public_id}"] = Attendance.ABSENT_WITH_INPUT
    response = login(cast.chair).post(reverse("conferences:attendance", args=[conference.public_id]), data)
    assert response.status_code == 302
    member_inv.refresh_from_db()
    assert member_inv.attendance == Attendance.ABSENT_WITH_INPUT
    assert conference.invitations.filter(attendance=Attendance.PHYSICAL).count() == len(invitations) - 1


def test_cancel_needs_a_reason_and_stops_changes(cast, household, login):
    conference = plan(cast)
    client = login(cast.chair)
    url = reverse("conferences:cancel", args=[conference.public_id])
    assert client.post(url, {"reason": "", "version": conference.version}).status_code == 400
    assert client.post(url, {"reason": "Zitting verplaatst.", "version": conference.version}).status_code == 302
    conference = fresh(conference)
    assert conference.state == ConferenceState.CANCELLED and conference.cancel_reason == "Zitting verplaatst."
    with pytest.raises(ValidationError):
        schedule.invite_user(
            conference=conference, actor=cast.chair, part=client_part(conference), user=cast.member, reason="Nodig."
        )


def test_stale_edit_is_a_conflict_that_keeps_the_input(cast, household, login):
    conference = plan(cast)
    client = login(cast.chair)
    url = reverse("conferences:edit", args=[conference.public_id])
    assert client.get(url).status_code == 200
    seen = conference.version
    schedule.reschedule(
        conference=conference,
        actor=cast.chair,
        seen_version=seen,
        kind="mda",
        goal=conference.goal,
        starts_at=soon(days=9),
        duration_minutes=90,
        location="Elders",
        chosen_items=list(conference.chosen_items.all()),
    )
    data = {
        "version": seen,
        "kind": "mda",
        "goal": "Mijn nieuwe doel.",
        "starts_at": soon(days=10).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 60,
        "location": "Zaal 3",
        "chosen_items": [i.pk for i in conference.chosen_items.all()],
    }
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Mijn nieuwe doel." in response.content.decode() and "Elders" in response.content.decode()
    assert fresh(conference).location == "Elders"


def test_split_can_be_switched_before_the_closed_part_has_people(cast, household):
    conference = plan(cast)
    items = list(conference.chosen_items.all())
    common = {
        "kind": "mda",
        "goal": conference.goal,
        "starts_at": conference.starts_at,
        "duration_minutes": 90,
        "location": conference.location,
        "chosen_items": items,
    }
    conference = schedule.reschedule(
        conference=conference, actor=cast.chair, seen_version=conference.version, split=True, **common
    )
    assert {p.kind for p in conference.parts.all()} == {PartKind.CLOSED, PartKind.OPEN}
    assert conference.invitations.filter(person__isnull=False, part__kind=PartKind.OPEN).count() == 3
    schedule.invite_user(
        conference=conference,
        actor=cast.chair,
        part=part(conference, PartKind.CLOSED),
        user=cast.member,
        reason="OM-informatie.",
    )
    with pytest.raises(ValidationError):
        schedule.reschedule(
            conference=conference, actor=cast.chair, seen_version=fresh(conference).version, split=False, **common
        )


# --- access ---------------------------------------------------------------------------------------


def test_team_reads_the_schedule_outsiders_get_404(cast, household, login):
    conference = plan(cast)
    url = reverse("conferences:detail", args=[conference.public_id])
    for user in (cast.chair, cast.member, cast.expert):
        assert login(user).get(url).status_code == 200
    for user in (cast.outsider, cast.former, cast.manager, cast.other_chair):
        assert login(user).get(url).status_code == 404
    page = login(cast.member).get(url).content.decode()
    assert 'action="/overleggen/' not in page  # a team member reads; only the chair changes


@pytest.mark.parametrize("name", ["schedule"])
def test_only_the_chair_schedules(cast, household, login, name):
    url = reverse(f"conferences:{name}", args=[cast.case.public_id])
    for user in (cast.director, cast.member, cast.outsider):
        assert login(user).get(url).status_code == 404
        assert login(user).post(url, _post_data(cast)).status_code == 404
    assert not Conference.objects.exists()


def test_case_page_lists_its_conferences(cast, household, login):
    conference = plan(cast)
    page = login(cast.chair).get(reverse("web:case_detail", args=[cast.case.public_id])).content.decode()
    assert reverse("conferences:detail", args=[conference.public_id]) in page
    assert reverse("conferences:schedule", args=[cast.case.public_id]) in page
    page = login(cast.member).get(reverse("web:case_detail", args=[cast.case.public_id])).content.decode()
    assert reverse("conferences:detail", args=[conference.public_id]) in page
    assert reverse("conferences:schedule", args=[cast.case.public_id]) not in page
