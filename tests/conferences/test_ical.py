"""Calendar invitations: the .ics parses back, keeps one UID for the meeting's life, raises SEQUENCE
on every change of time or place, cancels with METHOD:CANCEL, and carries no case content."""

import datetime
from datetime import UTC

from icalendar import Calendar

from ineen.conferences import ical, schedule
from ineen.conferences.enums import PartKind

from .mime import sent_calendar_part
from .planning import (  # noqa: F401  (household_fixture: a fixture)
    SECRET_ADDRESS,
    SECRET_NAMES,
    client_part,
    fresh,
    household_fixture,
    part,
    plan,
    soon,
)


def parse(message):
    """(METHOD, VEVENT, raw text) of the calendar part of one sent e-mail, as a mail client sees it."""
    part = sent_calendar_part(message)
    raw = part.get_payload(decode=True)
    assert b"\r\n" in raw  # RFC 5545 line ends survive the mail encoding
    calendar = Calendar.from_ical(raw)
    [event] = calendar.walk("VEVENT")
    assert part.get_param("method") == str(calendar["METHOD"])
    return str(calendar["METHOD"]), event, raw.decode()


def invite_team(cast, conference, capture, users=None):
    with capture(execute=True):
        for user in users or [cast.member, cast.director]:
            schedule.invite_user(
                conference=conference,
                actor=cast.chair,
                part=client_part(conference),
                user=user,
                reason="Betrokken bij het gezin.",
            )


def assert_no_case_content(text):
    for secret in [*SECRET_NAMES, SECRET_ADDRESS, "Geheimstraat", "Zicht op de veiligheid", "Betrokken bij"]:
        assert secret not in text, f"{secret!r} leaked"


def test_build_request_has_every_field_outlook_needs(cast, household):
    conference = plan(cast, starts_at=soon(hour=10), duration_minutes=90)
    schedule.invite_user(
        conference=conference, actor=cast.chair, part=client_part(conference), user=cast.member, reason="Nodig."
    )
    raw = ical.build(fresh(conference), method=ical.REQUEST, attendees=[cast.member])
    calendar = Calendar.from_ical(raw)
    [event] = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST" and str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    assert str(event["UID"]) == str(conference.ical_uid)
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTAMP"].dt.tzinfo is not None
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert start == conference.starts_at and start.utcoffset() == datetime.timedelta(0)
    assert end - start == datetime.timedelta(minutes=90)
    assert b"DTSTART:" in raw and raw.count(b"Z\r\n") >= 3  # UTC times: no VTIMEZONE needed
    assert str(event["ORGANIZER"]) == f"mailto:{cast.chair.email}"
    assert [str(a) for a in _list(event["ATTENDEE"])] == [f"mailto:{cast.member.email}"]
    assert str(event["SUMMARY"]) == f"Overleg Zorg- en Veiligheidshuis {cast.case.reference}"
    assert str(event["LOCATION"]) == "ZVH, zaal 2"
    assert str(event["URL"]).endswith(f"/overleggen/{conference.public_id}/")
    assert str(event["STATUS"]) == "CONFIRMED" and str(event["CLASS"]) == "PRIVATE"
    assert_no_case_content(raw.decode())


def _list(value):
    return value if isinstance(value, list) else [value]


def test_online_meeting_says_online_and_keeps_the_link_in_ineen(cast, household):
    conference = plan(cast, location="", online_url="https://meet.example/abc-secret")
    raw = ical.build(conference, method=ical.REQUEST, attendees=[]).decode()
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Online"
    assert "meet.example" not in raw


def test_inviting_sends_one_request_per_professional_and_nothing_to_clients(
    cast, household, mailoutbox, django_capture_on_commit_callbacks
):
    conference = plan(cast)
    invite_team(cast, conference, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([cast.member.email, cast.director.email])
    sequences = []
    for message in mailoutbox:
        method, event, raw = parse(message)
        assert method == "REQUEST"
        assert str(event["UID"]) == str(conference.ical_uid)
        sequences.append(int(event["SEQUENCE"]))
        assert cast.case.reference in message.subject
        assert f"/overleggen/{conference.public_id}/" in message.body
        assert_no_case_content(message.subject + message.body + raw)
    assert sequences == [0, 1]  # every mail about the item is newer than the one before
    # Household members are invited too, but Ineen has no e-mail for them: the case director informs them.
    assert conference.invitations.filter(person__isnull=False).count() == 3


def test_second_part_sends_no_second_item(cast, household, mailoutbox, django_capture_on_commit_callbacks):
    conference = plan(cast, split=True)
    with django_capture_on_commit_callbacks(execute=True):
        for kind in (PartKind.CLOSED, PartKind.OPEN):
            schedule.invite_user(
                conference=conference, actor=cast.chair, part=part(conference, kind), user=cast.member, reason="Nodig."
            )
    assert len(mailoutbox) == 1


def test_new_time_raises_sequence_and_resends_with_the_same_uid(
    cast, household, mailoutbox, django_capture_on_commit_callbacks
):
    conference = plan(cast)
    invite_team(cast, conference, django_capture_on_commit_callbacks)
    first_uid = str(parse(mailoutbox[0])[1]["UID"])
    mailoutbox.clear()
    items = list(conference.chosen_items.all())
    with django_capture_on_commit_callbacks(execute=True):
        schedule.reschedule(
            conference=conference,
            actor=cast.chair,
            seen_version=conference.version,
            kind="mda",
            goal=conference.goal,
            starts_at=soon(days=8),
            duration_minutes=90,
            location="ZVH, zaal 2",
            chosen_items=items,
        )
    assert fresh(conference).ical_sequence == 2  # two invitations went out (0, 1): the update is newer than both
    assert sorted(m.to[0] for m in mailoutbox) == sorted([cast.member.email, cast.director.email])
    method, event, _raw = parse(mailoutbox[0])
    assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("REQUEST", first_uid, 2)
    assert event["DTSTART"].dt == soon(days=8).astimezone(UTC)
    assert mailoutbox[0].subject.startswith("Gewijzigd")

    # A new place raises it again; a new goal alone changes nothing in the calendar.
    mailoutbox.clear()
    conference = fresh(conference)
    with django_capture_on_commit_callbacks(execute=True):
        conference = schedule.reschedule(
            conference=conference,
            actor=cast.chair,
            seen_version=conference.version,
            kind="mda",
            goal=conference.goal,
            starts_at=conference.starts_at,
            duration_minutes=90,
            location="Stadhuis",
            chosen_items=items,
        )
        schedule.reschedule(
            conference=conference,
            actor=cast.chair,
            seen_version=conference.version,
            kind="mda",
            goal="Een ander doel.",
            starts_at=conference.starts_at,
            duration_minutes=90,
            location="Stadhuis",
            chosen_items=items,
        )
    assert fresh(conference).ical_sequence == 3
    assert len(mailoutbox) == 2  # only the change of place went out
    assert int(parse(mailoutbox[0])[1]["SEQUENCE"]) == 3


def test_cancellation_sends_cancel_with_the_same_uid(cast, household, mailoutbox, django_capture_on_commit_callbacks):
    conference = plan(cast)
    invite_team(cast, conference, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        schedule.cancel(conference=conference, actor=cast.chair, reason="Zitting verplaatst; nieuw overleg volgt.")
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        method, event, raw = parse(message)
        assert method == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == str(conference.ical_uid)
        assert int(event["SEQUENCE"]) == 2  # newer than both invitations (0, 1)
        assert "Zitting verplaatst" not in message.body + raw  # the reason stays in Ineen
        assert_no_case_content(message.body + raw)


def test_withdrawn_professional_gets_a_cancel_of_their_own(
    cast, household, mailoutbox, django_capture_on_commit_callbacks
):
    conference = plan(cast)
    invite_team(cast, conference, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    invitation = conference.invitations.get(user=cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        schedule.uninvite(invitation=invitation, actor=cast.chair)
    [message] = mailoutbox
    method, event, _raw = parse(message)
    assert message.to == [cast.member.email]
    assert method == "CANCEL" and str(event["UID"]) == str(conference.ical_uid)
    assert [str(a) for a in _list(event["ATTENDEE"])] == [f"mailto:{cast.member.email}"]


def test_confidential_address_is_refused_as_meeting_place(cast, household):
    from django.core.exceptions import ValidationError

    try:
        plan(cast, location="Geheimstraat 7")
    except ValidationError as error:
        assert "geheim adres" in error.message_dict["location"][0]
    else:
        raise AssertionError("a confidential address became a meeting place")
