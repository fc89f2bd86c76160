"""Calendar invitations (iCalendar, RFC 5545 / iTIP RFC 5546) for case conferences.

One meeting is one calendar item for its whole life: the UID is `Conference.ical_uid` and never
changes; `Conference.ical_sequence` goes up with every change of time or place and with the
cancellation, so Outlook, Teams and other clients replace the item instead of adding a second one.

Nothing about the case goes into the calendar: a calendar item is copied to phones, shared calendars
and mail servers outside the covenant. SUMMARY names the safety house's meeting and the case
reference only (never household names, never an address of a confidential whereabouts), LOCATION is
the meeting place or "Online", and DESCRIPTION/URL hold a link to the meeting in Ineen, where the rest
(also the online meeting link) is shown after logging in. Times are in UTC, which every client
converts to the reader's zone; that needs no VTIMEZONE block.
"""

from datetime import UTC, timedelta
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


def build(conference, *, method: str, attendees, now=None) -> bytes:
    """The .ics for `conference`: METHOD:REQUEST (invitation or update) or METHOD:CANCEL, with one
    ATTENDEE per user in `attendees`. Reads `case.reference` and `chair`: select them beforehand."""
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
    event.add("sequence", conference.ical_sequence)
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


def mime_part(ics: bytes, method: str) -> MIMEPart:
    """The .ics as a mail part Outlook recognises as a meeting request or cancellation: content type
    text/calendar with the iTIP method as a parameter, sent as the file uitnodiging.ics. Base64 keeps
    the CRLF line ends and folded lines of RFC 5545 byte for byte."""
    part = MIMEPart()
    part.set_content(
        ics,
        maintype="text",
        subtype="calendar",
        disposition="attachment",
        filename=FILENAME,
        params={"charset": "utf-8", "method": method},
    )
    return part
