"""Calendar invitations (iCalendar, RFC 5545 / iTIP RFC 5546) for case conferences.

One meeting is one calendar item for its whole life: the UID is `Conference.ical_uid` and never
changes. SEQUENCE (RFC 5546) goes up with every change of time or place, with the cancellation, and
with every other mail about the item: each mail carries a SEQUENCE higher than any sent before for that
UID (`Conference.ical_sequence_sent`, see schedule._sequence_for_mail), so Outlook, Teams, Gmail and
other clients replace the item instead of adding a second one, and never ignore a cancellation (of the
whole meeting, or for one professional who is no longer needed) or a new invitation after it.

Nothing about the case goes into the calendar: a calendar item is copied to phones, shared calendars
and mail servers outside the covenant. SUMMARY names the safety house's meeting and the case
reference only (never household names, never an address of a confidential whereabouts), LOCATION is
the meeting place or "Online", and DESCRIPTION/URL hold a link to the meeting in Ineen, where the rest
(also the online meeting link) is shown after logging in. Times are in UTC, which every client
converts to the reader's zone; that needs no VTIMEZONE block.
"""

import base64
from datetime import UTC, timedelta
from email import policy
from email.message import MIMEPart

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Ineen//Overleg Zorg- en Veiligheidshuis//NL"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
FILENAME = "uitnodiging.ics"


def conference_url(conference) -> str:
    return settings.INEEN_BASE_URL.rstrip("/") + reverse("conferences:detail", args=[conference.public_id])


def summary(conference) -> str:
    """The calendar title: what kind of meeting, and the case reference to find it in Ineen."""
    return f"Overleg Zorg- en Veiligheidshuis {conference.case.reference}"


def location(conference) -> str:
    return conference.location or "Online"


def _address(user, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    name = user.get_full_name()
    if name:
        address.params["CN"] = vText(name)
    address.params.update(params)
    return address


def build(conference, *, method: str, attendees, now=None, sequence=None) -> bytes:
    """The .ics for `conference`: METHOD:REQUEST (invitation or update) or METHOD:CANCEL, with one
    ATTENDEE per user in `attendees`; SEQUENCE is `sequence`, by default `conference.ical_sequence`.
    Reads `case.reference` and `chair`: select them beforehand."""
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"unknown iTIP method {method!r}")
    now = now or timezone.now()
    start = conference.starts_at.astimezone(UTC)
    link = conference_url(conference)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = Event()
    event.add("uid", str(conference.ical_uid))
    event.add("sequence", conference.ical_sequence if sequence is None else sequence)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=conference.duration_minutes))
    event.add("summary", summary(conference))
    event.add("location", location(conference))
    event.add(
        "description", f"Alle informatie over dit overleg, ook de link om online deel te nemen, staat in Ineen: {link}"
    )
    event.add("url", link)
    # Private: a shared or delegated calendar shows "busy", not even the case reference.
    event.add("class", "PRIVATE")
    event.add("transp", "OPAQUE")
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("organizer", _address(conference.chair))
    for user in attendees:
        event.add(
            "attendee",
            _address(
                user, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE" if method == REQUEST else "FALSE"
            ),
        )
    calendar.add_component(event)
    return calendar.to_ical()


def _part(ics: bytes, content_type: str, disposition: str = "") -> MIMEPart:
    """A base64 part (that keeps the CRLF line ends and folded lines of RFC 5545 byte for byte) whose
    Content-Type is written exactly as given: `charset=utf-8; method=REQUEST`, unquoted, the form Outlook
    and Exchange write themselves (the standard email policy would quote every parameter value)."""
    part = MIMEPart(policy=policy.compat32)
    part["Content-Type"] = content_type
    if disposition:
        part["Content-Disposition"] = disposition
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload(base64.encodebytes(ics).decode("ascii"))
    return part


def calendar_part(ics: bytes, method: str) -> MIMEPart:
    """The .ics as the alternative to the mail's text: `text/calendar; charset=utf-8; method=REQUEST`
    (or CANCEL) inside multipart/alternative is where Outlook, Gmail and Apple Mail look for a meeting
    request or cancellation, and show accept/decline or "remove from calendar"."""
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"unknown iTIP method {method!r}")
    return _part(ics, f"text/calendar; charset=utf-8; method={method}")


def attachment_part(ics: bytes) -> MIMEPart:
    """The same .ics as the file uitnodiging.ics, for a client that only imports attachments. As
    application/ics (like Google Calendar's own invite.ics) so no client shows the meeting twice."""
    return _part(ics, f'application/ics; name="{FILENAME}"', f'attachment; filename="{FILENAME}"')
