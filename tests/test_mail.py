"""Every e-mail Ineen sends carries Auto-Submitted (RFC 3834) and a Message-ID of the site's own domain,
because every one is built by ineen/mail.py: no other module sends mail with django.core.mail directly."""

import email
import email.policy
import re
from pathlib import Path

import ineen
from ineen import mail

SITE = "ineen.zvh-voorbeeld.nl"
ROOT = Path(ineen.__file__).parent


def headers_of(message):
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def test_plain_mail_has_the_headers_of_every_ineen_mail(settings, mailoutbox):
    settings.INEEN_BASE_URL = f"https://{SITE}:8443/ineen/"
    mail.send("Onderwerp", "Tekst met een link.\n", ["a@test.example", "b@test.example"])
    [message] = mailoutbox
    parsed = headers_of(message)
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert re.fullmatch(rf"<[^@<>]+@{re.escape(SITE)}>", parsed["Message-ID"])
    assert parsed["From"] == settings.DEFAULT_FROM_EMAIL
    assert message.to == ["a@test.example", "b@test.example"]
    assert parsed.get_content_type() == "text/plain"
    # A fresh Message-ID for every mail.
    mail.send("Onderwerp", "Tekst.\n", ["a@test.example"])
    assert headers_of(mailoutbox[1])["Message-ID"] != parsed["Message-ID"]


def test_allauth_mail_gets_the_same_headers(settings, rf):
    from allauth.account.adapter import get_adapter
    from allauth.core.context import request_context

    settings.INEEN_BASE_URL = f"https://{SITE}/"
    request = rf.get("/")
    with request_context(request):
        message = get_adapter(request).render_mail(
            "account/email/password_reset_key",
            "a@test.example",
            {"password_reset_url": "https://example.invalid/x", "request": request, "email": "a@test.example"},
        )
    parsed = headers_of(message)
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["Message-ID"].endswith(f"@{SITE}>")


def test_no_module_sends_mail_around_the_helper():
    """django.core.mail only in ineen/mail.py; a new mail gets the headers by using it."""
    direct = re.compile(
        r"django\.core\.mail(?!\.backends)|from django\.core import .*\bmail\b|\bsend_mail\(|\bmail_admins\("
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if path != ROOT / "mail.py" and "migrations" not in path.parts and direct.search(path.read_text())
    ]
    assert offenders == []
