"""Denied attempts are logged even though the request's transaction is rolled back.

The access policy raises NotVisible (a 404). With ATOMIC_REQUESTS the view's transaction is rolled
back, so the denial is written here, after the rollback, in its own transaction.
"""

from django.db import transaction

from ineen.privacy.policy import NotVisible

from . import events
from .models import Outcome


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotVisible):
            with transaction.atomic():
                events.record(
                    request=request,
                    action=exception.action,
                    subject=exception.subject,
                    purpose=exception.purpose,
                    role=exception.role,
                    outcome=Outcome.DENIED,
                    detail=exception.reason,
                )
        return None  # Django turns the Http404 into the ordinary 404 page.
