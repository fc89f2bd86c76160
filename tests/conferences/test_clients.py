"""Clients at the table (issue 11, points 1-3 and 8): always invited, unless, on every planning path; the
preparation talk; the household's attendance with the chair's check; the debrief or feedback afterwards."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.conferences import clients, live
from ineen.conferences.enums import Attendance, ConferenceState, FollowUpKind, LiveStep
from ineen.conferences.models import ClientFollowUp, ClientNotInvited, Conference, Invitation, PreparationTalk
from ineen.conferences.work import debrief_items
from ineen.reminders.rules import debriefs_due

from .planning import household_fixture, member, plan, soon  # noqa: F401  (household_fixture: a fixture)


def _live(conference, step=LiveStep.DECISION):
    Conference.objects.filter(pk=conference.pk).update(state=ConferenceState.LIVE, current_step=step)
    conference.refresh_from_db()
    return conference


def _client_invitations(conference):
    return {
        inv.person.first_name: inv for inv in Invitation.objects.filter(conference=conference, person__isnull=False)
    }


# --- always invited, unless: every path ----------------------------------------------------------------


def test_next_meeting_from_the_workspace_invites_every_household_member(cast, household):
    conference = _live(plan(cast))
    following = live.schedule_next(conference=conference, actor=cast.chair, starts_at=soon(30), goal="Evaluatie.")
    assert set(_client_invitations(following)) == {"Anna", "Bram", "Carla"}


def test_next_meeting_not_inviting_needs_a_weighty_reason(cast, household):
    conference = _live(plan(cast))
    carla = member(cast, "Carla")
    with pytest.raises(ValidationError) as refused:
        live.schedule_next(
            conference=conference, actor=cast.chair, starts_at=soon(30), goal="Evaluatie.", not_invited={carla: " "}
        )
    assert f"reason_{carla.public_id}" in refused.value.error_dict
    assert Conference.objects.filter(case=cast.case).count() == 1
    following = live.schedule_next(
        conference=conference,
        actor=cast.chair,
        starts_at=soon(30),
        goal="Evaluatie.",
        not_invited={carla: "Geheim adres; wordt apart gesproken."},
    )
    assert set(_client_invitations(following)) == {"Anna", "Bram"}
    assert ClientNotInvited.objects.get(conference=following).reason == "Geheim adres; wordt apart gesproken."


def test_workspace_next_meeting_form_asks_the_reason(cast, household, login):
    conference = _live(plan(cast))
    carla = member(cast, "Carla")
    url = reverse("conferences:workspace_next", args=[conference.public_id])
    data = {"starts_at": soon(30).strftime("%Y-%m-%dT%H:%M"), "kind": "mda", "goal": "Evaluatie."}
    for person in cast.case.household.members.all():
        data[f"invite_{person.public_id}"] = "invite"
    client = login(cast.chair)
    page = client.get(reverse("conferences:workspace", args=[conference.public_id]) + "?weergave=afspraken")
    assert "altijd uitgenodigd, tenzij" in page.content.decode()
    refused = client.post(url, {**data, f"invite_{carla.public_id}": "not"})
    assert refused.status_code == 400
    assert "zwaarwegende reden" in refused.content.decode()
    assert Conference.objects.filter(case=cast.case).count() == 1
    done = client.post(url, data)
    assert done.status_code == 302
    following = Conference.objects.filter(case=cast.case).exclude(pk=conference.pk).get()
    assert set(_client_invitations(following)) == {"Anna", "Bram", "Carla"}


def test_the_new_conference_form_uses_the_same_rule(cast, household):
    carla = member(cast, "Carla")
    with pytest.raises(ValidationError):
        plan(cast, not_invited={carla: ""})
    conference = plan(cast, not_invited={carla: "Geheim adres."})
    assert set(_client_invitations(conference)) == {"Anna", "Bram"}


# --- the preparation talk -------------------------------------------------------------------------------


def test_client_who_does_not_come_leaves_a_message_the_chair_reads(cast, household, login):
    conference = plan(cast)
    anna = member(cast, "Anna")
    url = reverse("conferences:client_talk", args=[conference.public_id, anna.public_id])
    client = login(cast.director)
    assert client.get(url).status_code == 200
    refused = client.post(url, {"coming_as": "not_attending", "wants_discussed": "Het contact met Bram."})
    assert refused.status_code == 400
    assert "stem van de cliënt" in refused.content.decode()
    assert "Het contact met Bram." in refused.content.decode()  # typed text kept
    saved = client.post(
        url,
        {
            "coming_as": "not_attending",
            "wants_discussed": "Het contact met Bram.",
            "message": "Ik wil dat Bram weer naar voetbal kan.",
            "trusted_person_name": "Fatima",
            "trusted_person_relation": "zus",
            "language_needs": "tolk Arabisch",
        },
    )
    assert saved.status_code == 302
    talk = PreparationTalk.objects.get(conference=conference, person=anna)
    assert talk.recorded_by == cast.director
    assert Invitation.objects.get(conference=conference, person=anna).trusted_person == "Fatima (zus)"
    assert AuditEvent.objects.filter(object_type="preparation_talk", object_id=str(talk.public_id)).exists()
    chair = login(cast.chair)
    overview = chair.get(reverse("conferences:prepare_overview", args=[conference.public_id])).content.decode()
    assert "Ik wil dat Bram weer naar voetbal kan." in overview
    _live(conference, LiveStep.OPENING)
    opening = chair.get(reverse("conferences:workspace", args=[conference.public_id]) + "?weergave=opening")
    assert "Ik wil dat Bram weer naar voetbal kan." in opening.content.decode()
    assert "tolk Arabisch" in opening.content.decode()


def test_stale_talk_is_a_conflict_that_keeps_the_input(cast, household, login):
    conference = plan(cast)
    anna = member(cast, "Anna")
    clients.record_preparation_talk(
        conference=conference, actor=cast.member, person=anna, coming_as="in_person", wants_discussed="Eerst."
    )
    url = reverse("conferences:client_talk", args=[conference.public_id, anna.public_id])
    response = login(cast.director).post(url, {"coming_as": "online", "wants_discussed": "Mijn tekst.", "version": "0"})
    assert response.status_code == 409
    assert "Mijn tekst." in response.content.decode()
    assert PreparationTalk.objects.get(conference=conference, person=anna).wants_discussed == "Eerst."


@pytest.mark.parametrize("name", ["chair", "expert", "outsider", "other_chair"])
def test_only_the_director_or_an_involved_professional_records_the_talk(cast, household, login, name):
    conference = plan(cast)
    anna = member(cast, "Anna")
    url = reverse("conferences:client_talk", args=[conference.public_id, anna.public_id])
    response = login(getattr(cast, name)).post(url, {"coming_as": "in_person"})
    assert response.status_code == 404
    assert not PreparationTalk.objects.exists()


def test_talk_for_a_person_of_another_household_is_404(cast, household, login):
    from ineen.households.models import Person

    conference = plan(cast)
    stranger = Person.objects.exclude(household=cast.case.household).first() or Person.objects.create(
        household=type(cast.case.household).objects.create(
            name="Ander gezin", safety_house=cast.house, created_by=cast.chair
        ),
        first_name="Eva",
        last_name="X",
        birth_year=1990,
        relationship="parent",
    )
    url = reverse("conferences:client_talk", args=[conference.public_id, stranger.public_id])
    assert login(cast.director).get(url).status_code == 404


# --- attendance and ending -------------------------------------------------------------------------------


def test_ending_without_client_attendance_asks_for_confirmation(cast, household, login):
    conference = _live(plan(cast))
    client = login(cast.chair)
    step = reverse("conferences:workspace_step", args=[conference.public_id])
    page = client.get(reverse("conferences:workspace", args=[conference.public_id])).content.decode()
    assert "begrepen en gehoord" in page
    assert 'name="zonder_aanwezigheid"' in page
    refused = client.post(step, {"from_step": "decision", "to_step": "closed"})
    assert refused.status_code == 400
    conference.refresh_from_db()
    assert conference.state == ConferenceState.LIVE
    done = client.post(step, {"from_step": "decision", "to_step": "closed", "zonder_aanwezigheid": "1"})
    assert done.status_code == 302
    conference.refresh_from_db()
    assert conference.state == ConferenceState.ENDED
    kinds = {fu.person.first_name: fu.kind for fu in ClientFollowUp.objects.filter(conference=conference)}
    assert kinds == {"Anna": FollowUpKind.FEEDBACK, "Bram": FollowUpKind.FEEDBACK, "Carla": FollowUpKind.FEEDBACK}


def test_attendance_online_names_who_sits_with_the_client_and_the_report_shows_it(cast, household, login):
    conference = _live(plan(cast))
    inv = _client_invitations(conference)
    url = reverse("conferences:client_attendance", args=[conference.public_id])
    client = login(cast.chair)
    data = {
        f"attendance_{inv['Anna'].public_id}": "online",
        f"heard_{inv['Anna'].public_id}": "on",
        f"attendance_{inv['Bram'].public_id}": "physical",
        f"trusted_{inv['Bram'].public_id}": "on",
        f"attendance_{inv['Carla'].public_id}": "absent",
        f"heard_{inv['Carla'].public_id}": "on",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Wie zit bij" in refused.content.decode()
    assert client.post(url, {**data, f"online_with_{inv['Anna'].public_id}": cast.member.pk}).status_code == 302
    rows = _client_invitations(conference)
    assert rows["Anna"].online_with == cast.member and rows["Anna"].heard
    assert rows["Carla"].attendance == Attendance.ABSENT and not rows["Carla"].heard  # heard only when there
    live.move_step(conference=conference, actor=cast.chair, from_step="decision", to_step="closed")
    kinds = {fu.person.first_name: fu.kind for fu in ClientFollowUp.objects.filter(conference=conference)}
    assert kinds == {"Anna": FollowUpKind.DEBRIEF, "Bram": FollowUpKind.DEBRIEF, "Carla": FollowUpKind.FEEDBACK}
    report = client.get(reverse("conferences:report", args=[conference.public_id])).content.decode()
    assert "Sanne" in report and "begrepen en gehoord" in report


def test_online_with_someone_outside_the_team_is_refused(cast, household):
    conference = _live(plan(cast))
    inv = _client_invitations(conference)["Anna"]
    with pytest.raises(ValidationError):
        clients.record_client_attendance(
            conference=conference,
            actor=cast.chair,
            rows={inv: clients.ClientAttendance(attendance="online", online_with=cast.outsider)},
        )


@pytest.mark.parametrize("name", ["director", "member", "outsider"])
def test_only_the_chair_records_client_attendance(cast, household, login, name):
    conference = _live(plan(cast))
    inv = _client_invitations(conference)["Anna"]
    url = reverse("conferences:client_attendance", args=[conference.public_id])
    assert login(getattr(cast, name)).post(url, {f"attendance_{inv.public_id}": "physical"}).status_code == 404
    assert Invitation.objects.get(pk=inv.pk).attendance == Attendance.UNKNOWN


# --- debrief or feedback ------------------------------------------------------------------------------------


def _ended(cast):
    conference = _live(plan(cast))
    live.move_step(
        conference=conference,
        actor=cast.chair,
        from_step="decision",
        to_step="closed",
        confirm_without_attendance=True,
    )
    return conference


def test_follow_ups_belong_to_the_director_with_a_due_date_and_show_up_when_overdue(cast, household):
    conference = _ended(cast)
    follow_ups = list(ClientFollowUp.objects.filter(conference=conference))
    assert {fu.owner for fu in follow_ups} == {cast.director}
    due = follow_ups[0].due_on
    assert due > timezone.localdate() and due.weekday() < 5
    assert debrief_items(cast.director)
    assert not any(item.overdue for item in debrief_items(cast.director))
    ClientFollowUp.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    items = debrief_items(cast.director)
    assert len(items) == 3 and all(item.overdue for item in items)
    assert debrief_items(cast.member) == []
    reminders = list(debriefs_due(timezone.localdate()))
    assert {r.kind for r in reminders} == {"debrief_overdue"} and {r.recipient for r in reminders} == {cast.director}


def test_my_work_lists_debriefs(cast, household, login):
    _ended(cast)
    page = login(cast.director).get(reverse("web:dashboard")).content.decode()
    assert "Nabespreking en terugkoppeling met cliënten" in page


def test_follow_up_done_and_reassigned(cast, household, login):
    conference = _ended(cast)
    fu = ClientFollowUp.objects.filter(conference=conference).first()
    change = reverse("conferences:client_follow_up_change", args=[conference.public_id, fu.public_id])
    done = reverse("conferences:client_follow_up_done", args=[conference.public_id, fu.public_id])
    day = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    # a member who does not own it may neither change nor complete it
    member_client = login(cast.member)
    assert (
        member_client.post(change, {"owner": cast.member.pk, "due_on": day, "version": fu.version}).status_code == 404
    )
    assert member_client.post(done, {"note": "x", "version": fu.version}).status_code == 404
    director = login(cast.director)
    response = director.post(change, {"owner": cast.member.pk, "due_on": day, "version": fu.version})
    assert response.status_code == 302
    fu.refresh_from_db()
    assert fu.owner == cast.member
    stale = director.post(done, {"note": "Besproken.", "version": fu.version - 1})
    assert stale.status_code == 409
    member_client = login(cast.member)
    assert member_client.post(done, {"note": "", "version": fu.version}).status_code == 400
    assert member_client.post(done, {"note": "Met Anna nabesproken.", "version": fu.version}).status_code == 302
    fu.refresh_from_db()
    assert fu.done_at and fu.done_by == cast.member and fu.note == "Met Anna nabesproken."
    assert fu.public_id not in {i.url for i in debrief_items(cast.member)}


def test_clients_page_reads_for_the_team_and_not_for_outsiders(cast, household, login):
    conference = _ended(cast)
    url = reverse("conferences:clients", args=[conference.public_id])
    assert login(cast.expert).get(url).status_code == 200
    assert login(cast.outsider).get(url).status_code == 404
