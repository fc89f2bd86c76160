"""Every e-mail Ineen sends is built here, so every one carries the same headers (tests/test_mail.py checks
that no other module imports django.core.mail's senders):

- `Auto-Submitted: auto-generated` (RFC 3834): the mail comes from a program, not a person, so mail
  servers and clients send no out-of-office or other automatic reply to it (nobody reads noreply@);
- a Message-ID whose domain is Ineen's own site domain (the host of INEEN_BASE_URL) instead of the
  name of whatever container or server happened to send it, which leaks an internal host name and
  makes spam filters frown when it does not match the sender.

`send()` for a plain message, `Message` for one with a calendar item (see conferences/notifications.py),
`headers()` for mail built by a library (allauth: accounts/adapters.py).
"""

from email.message import MIMEPart
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, mailers, make_msgid

AUTO_SUBMITTED = "auto-generated"


def domain() -> str:
    """The site's domain name, for Message-IDs."""
    return urlsplit(settings.INEEN_BASE_URL).hostname or "ineen.invalid"


def headers() -> dict[str, str]:
    """The headers of every Ineen mail; a fresh Message-ID each call."""
    return {"Auto-Submitted": AUTO_SUBMITTED, "Message-ID": make_msgid(domain=domain())}


class Message(EmailMessage):
    """A plain-text mail from DEFAULT_FROM_EMAIL with Ineen's headers. `alternatives`: MIME parts
    that are other forms of the same content, e.g. a text/calendar part with the iTIP method; with
    them the body becomes multipart/alternative (text/plain first, then these), which is where
    Outlook and Gmail look for a meeting request. Attachments, if any, wrap that in multipart/mixed."""

    def __init__(self, subject, body, to, *, alternatives=(), attachments=None, extra_headers=None):
        super().__init__(subject, body, None, list(to), attachments=attachments, headers=headers())
        self.extra_headers.update(extra_headers or {})
        self.alternative_parts: list[MIMEPart] = list(alternatives)

    def _add_bodies(self, msg):
        super()._add_bodies(msg)
        if self.alternative_parts:
            msg.make_alternative()
            for part in self.alternative_parts:
                msg.attach(part)


def send_messages(messages) -> int:
    messages = list(messages)
    return mailers.default.send_messages(messages) if messages else 0


def send(subject: str, body: str, to) -> int:
    """One plain-text mail to the addresses in `to` (all in its To header)."""
    return send_messages([Message(subject, body, to)])
