"""The one refusal: NotVisible. Unknown and forbidden look the same to the outside (a 404).

Raised by the access policy and by access objects; never by a view on its own (a meta-test forbids
`raise Http404` in views). The audit middleware writes the refusal's audit event after the request's
transaction has been rolled back; the API's error handler does the same for API calls; a job or command
that catches it records it with `ineen.audit.events.record_refusal`.
"""

from typing import Any

from django.http import Http404


class NotVisible(Http404):
    """The user may not see or do this (or it does not exist). The response is a plain 404."""

    def __init__(self, *, action: Any, subject: Any, purpose: str, role: str = "", reason: str = "") -> None:
        super().__init__("Niet gevonden")
        self.action = action
        self.subject = subject
        self.purpose = purpose
        self.role = role
        self.reason = reason
