"""What a mail client sees of a sent conference mail: the bytes on the wire, parsed back."""

import email
import email.policy

from ineen.conferences import ical


def wire(message):
    """The sent Django message as a receiving client parses it (from its bytes)."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def sent_calendar_part(message):
    """The text/calendar part of a conference mail, after checking the structure Outlook and Gmail
    recognise as a meeting request or cancellation:

        multipart/mixed
          multipart/alternative
            text/plain                                   (the body)
            text/calendar; charset=utf-8; method=...     (the meeting, inline)
          application/ics; uitnodiging.ics               (the same item as a file)
    """
    parsed = wire(message)
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, attachment = parsed.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    text, calendar = alternative.iter_parts()
    assert text.get_content_type() == "text/plain"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("charset") == "utf-8"
    assert calendar.get_param("method") in (ical.REQUEST, ical.CANCEL)
    assert calendar.get_content_disposition() is None  # inline: the alternative, not a file
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_content_disposition() == "attachment" and attachment.get_filename() == ical.FILENAME
    assert attachment.get_payload(decode=True) == calendar.get_payload(decode=True)
    return calendar
