"""E-mails about case conferences: invitation, update and cancellation, each with an iCalendar item.

Sent on commit by the actions in schedule.py. Like every e-mail of Ineen they carry a link, never case
content: no household or member names, no reasons, no goal, no addresses; see ical.py for what the
calendar item holds. One message per professional, so a resend reaches exactly who needs it.

Household members get no e-mail from Ineen in this version: they have no account and Ineen keeps no
e-mail address for them. The case director invites and prepares them (MISSION, "Clients at the
table"); the conference page says so to the chair.
"""

from django.utils import timezone

from ineen import mail

from . import ical

SUBJECTS = {
    "new": "Uitnodiging: {summary}",
    "update": "Gewijzigd: {summary}",
    "cancel": "Geannuleerd: {summary}",
    "removed": "Niet meer nodig: {summary}",
}
INTRO = {
    "new": "U bent uitgenodigd voor een overleg van {house}.",
    "update": "Het overleg van {house} is gewijzigd. Het agenda-item in uw agenda wordt bijgewerkt.",
    "cancel": "Het overleg van {house} gaat niet door. Het agenda-item wordt uit uw agenda gehaald.",
    "removed": "Uw aanwezigheid bij het overleg van {house} is niet meer nodig. "
    "Het agenda-item wordt uit uw agenda gehaald.",
}


def _load(conference_id):
    from .models import Conference

    return Conference.objects.select_related("case__safety_house", "chair").get(pk=conference_id)


def _invited_users(conference):
    from ineen.accounts.models import User

    return list(User.objects.filter(invitations__conference=conference).distinct().order_by("last_name", "pk"))


def body(conference, reason: str) -> str:
    start = timezone.localtime(conference.starts_at)
    lines = [
        INTRO[reason].format(house=conference.case.safety_house.name),
        "",
        f"Wanneer: {start:%d-%m-%Y} om {start:%H:%M} ({conference.duration_minutes} minuten)",
        f"Waar: {ical.location(conference)}",
        "",
        f"Bekijk het overleg in Ineen: {ical.conference_url(conference)}",
    ]
    if reason in ("new", "update"):
        lines.append("Daar vindt u ook de vragen om vooraf te beantwoorden en de samenvatting van de procesregisseur.")
    lines += ["", "In deze e-mail en in het agenda-item staat bewust niets over de casus zelf."]
    return "\n".join(lines) + "\n"


def _send(conference, recipients, *, method, reason, attendees, sequence=None):
    """One mail per recipient: multipart/alternative with the text and the calendar item
    (text/calendar; method=...), and the same item attached as uitnodiging.ics (ineen/mail.py adds
    the headers of every Ineen mail)."""
    if not recipients:
        return
    ics = ical.build(conference, method=method, attendees=attendees, sequence=sequence)
    subject = SUBJECTS[reason].format(summary=ical.summary(conference))
    text = body(conference, reason)
    mail.send_messages(
        mail.Message(
            subject,
            text,
            [user.email],
            alternatives=[ical.calendar_part(ics, method)],
            attachments=[ical.attachment_part(ics)],
        )
        for user in recipients
    )


def invitations(conference_id, user_ids, *, reason="new", sequence=None):
    """METHOD:REQUEST to these users (new invitation, or the update after a change of time or place);
    the ATTENDEE list holds everyone invited so far. `sequence`: the SEQUENCE the action reserved for
    this mail (schedule._sequence_for_mail)."""
    conference = _load(conference_id)
    attendees = _invited_users(conference)
    recipients = [u for u in attendees if u.pk in set(user_ids)]
    _send(conference, recipients, method=ical.REQUEST, reason=reason, attendees=attendees, sequence=sequence)


def cancellation(conference_id, users, *, sequence=None):
    """METHOD:CANCEL (same UID, higher SEQUENCE, STATUS:CANCELLED) to everyone who was invited."""
    conference = _load(conference_id)
    _send(conference, list(users), method=ical.CANCEL, reason="cancel", attendees=list(users), sequence=sequence)


def removed(conference_id, user, *, sequence=None):
    """METHOD:CANCEL to one professional who is no longer invited (same UID, higher SEQUENCE); the
    others keep their item."""
    conference = _load(conference_id)
    _send(conference, [user], method=ical.CANCEL, reason="removed", attendees=[user], sequence=sequence)
