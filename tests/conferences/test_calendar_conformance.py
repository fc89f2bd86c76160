"""Every calendar mail of the scheduling flows (invite, update, withdraw one, invite again, cancel), read
as a receiving client reads it: the MIME structure Outlook and Gmail recognise, the headers of every
Ineen mail, and the calendar part parsed by an independent iCalendar parser (vobject, not the icalendar
package Ineen writes with). SEQUENCE must be strictly higher in each round of mails than in any earlier
one for the same UID (RFC 5546): a client ignores an update or a cancellation that is not newer."""

import datetime

import pytest
import vobject

from ineen.conferences import ical, schedule

from .mime import sent_calendar_part, wire
from .planning import client_part, fresh, household_fixture, plan, soon  # noqa: F401  (household_fixture)

SITE = "ineen.zvh-voorbeeld.nl"


@pytest.fixture
def site(settings):
    settings.INEEN_BASE_URL = f"https://{SITE}/"


def read(message):
    """(method of the MIME part, vobject calendar) of one sent mail."""
    part = sent_calendar_part(message)
    text = part.get_payload(decode=True).decode("utf-8")
    calendar = vobject.readOne(text)  # raises on anything it cannot parse
    return part.get_param("method"), calendar


def test_every_calendar_mail_parses_with_an_independent_parser_and_sequence_only_goes_up(
    cast, household, site, mailoutbox, django_capture_on_commit_callbacks
):
    conference = plan(cast, starts_at=soon(hour=10), duration_minutes=60)
    rounds = []  # (what, expected method, recipients, starts_at, attendees, mails)

    def step(what, method, recipients, attendees, action):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            action()
        rounds.append((what, method, recipients, fresh(conference).starts_at, attendees, mailoutbox[before:]))

    def invite(user):
        return lambda: schedule.invite_user(
            conference=conference, actor=cast.chair, part=client_part(conference), user=user, reason="Nodig."
        )

    def move():
        current = fresh(conference)
        schedule.reschedule(
            conference=current,
            actor=cast.chair,
            seen_version=current.version,
            kind="mda",
            goal=current.goal,
            starts_at=soon(days=9, hour=14),
            duration_minutes=60,
            location="Stadhuis",
            chosen_items=list(current.chosen_items.all()),
        )

    both = {cast.member.email, cast.director.email}
    step("invite", "REQUEST", {cast.member.email}, {cast.member.email}, invite(cast.member))
    step("invite", "REQUEST", {cast.director.email}, both, invite(cast.director))
    step("update", "REQUEST", both, both, move)
    step(
        "withdraw one",
        "CANCEL",
        {cast.member.email},
        {cast.member.email},
        lambda: schedule.uninvite(invitation=conference.invitations.get(user=cast.member), actor=cast.chair),
    )
    step("invite again", "REQUEST", {cast.member.email}, both, invite(cast.member))
    step(
        "cancel",
        "CANCEL",
        both,
        both,
        lambda: schedule.cancel(conference=fresh(conference), actor=cast.chair, reason="Gaat niet door."),
    )

    highest = -1
    for what, method, recipients, starts_at, attendees, mails in rounds:
        assert {m.to[0] for m in mails} == recipients, what
        sequences = set()
        for message in mails:
            part_method, calendar = read(message)
            event = calendar.vevent
            assert part_method == calendar.method.value == method, what
            assert calendar.version.value == "2.0" and calendar.prodid.value == ical.PRODID
            assert event.uid.value == str(conference.ical_uid), what
            assert event.dtstart.value == starts_at, what
            assert event.dtstart.value.utcoffset() == datetime.timedelta(0)
            assert event.dtend.value - event.dtstart.value == datetime.timedelta(minutes=60)
            assert event.dtstamp.value.tzinfo is not None
            assert event.organizer.value == f"mailto:{cast.chair.email}"
            assert {a.value for a in event.attendee_list} == {f"mailto:{e}" for e in attendees}, what
            assert event.status.value == ("CANCELLED" if method == "CANCEL" else "CONFIRMED")
            sequences.add(int(event.sequence.value))
        [sequence] = sequences  # one round, one SEQUENCE
        assert sequence > highest, f"{what}: SEQUENCE {sequence} is not higher than {highest} sent before"
        highest = sequence
    assert fresh(conference).ical_sequence_sent == highest


def test_calendar_mail_headers_and_structure(cast, household, site, mailoutbox, django_capture_on_commit_callbacks):
    conference = plan(cast)
    with django_capture_on_commit_callbacks(execute=True):
        schedule.invite_user(
            conference=conference, actor=cast.chair, part=client_part(conference), user=cast.member, reason="Nodig."
        )
    with django_capture_on_commit_callbacks(execute=True):
        schedule.cancel(conference=fresh(conference), actor=cast.chair, reason="Gaat niet door.")
    request, cancel = mailoutbox
    for message, method in ((request, "REQUEST"), (cancel, "CANCEL")):
        parsed = wire(message)
        assert parsed["Auto-Submitted"] == "auto-generated"
        assert parsed["Message-ID"].endswith(f"@{SITE}>")
        assert sent_calendar_part(message).get_param("method") == method
        # Written exactly as Outlook and Exchange write it (parameter values unquoted).
        header = f"\nContent-Type: text/calendar; charset=utf-8; method={method}\n"
        assert header.encode() in message.message().as_bytes()
    assert wire(request)["Message-ID"] != wire(cancel)["Message-ID"]
