"""Session limits and mandatory MFA for staff."""

import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from . import enrolment

_START = "ineen_session_start"
_SEEN = "ineen_last_seen"
SEEN_GRANULARITY = 60  # seconds; see SessionExpiryMiddleware


def mark_session_start(request):
    now = int(time.time())
    request.session[_START] = now
    request.session[_SEEN] = now


class SessionExpiryMiddleware:
    """15 minutes idle, 12 hours absolute; the session is flushed server-side when either passes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(_START, now)
            seen = request.session.get(_SEEN, now)
            if now - seen > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(f"{reverse('account_login')}?verlopen=1")
            request.session.setdefault(_START, started)
            # htmx polling must not keep an unattended screen alive forever. And the stamp is written only
            # when it moved by more than SEEN_GRANULARITY: a session is then not saved (an UPDATE) on every
            # request. The stamp lags the last activity by at most that much, so the idle limit ends a
            # session between IDLE - granularity and IDLE after its last request: never later than IDLE.
            # The absolute limit counts from _START, which never moves: exact.
            active = not getattr(request, "htmx", False) or request.method != "GET"
            if active and (_SEEN not in request.session or now - seen > SEEN_GRANULARITY):
                request.session[_SEEN] = now
        return self.get_response(request)


def mfa_required(user) -> bool:
    """Every active account must use MFA; only demo accounts in demo mode are excused."""
    if not user.is_authenticated:
        return False
    if settings.DEMO_MODE and user.is_demo_account:
        return False
    # The live poll loads the answer with the user (conferences.middleware, access.live.poll_facts).
    enabled = getattr(user, "ineen_poll_mfa", None)
    return not (is_mfa_enabled(user) if enabled is None else enabled)


class MandatoryMFAMiddleware:
    """allauth offers MFA but does not enforce it: staff without an authenticator must set one up
    before they can reach anything but the account pages.

    And allauth's first enrolment is trust-on-first-use: whoever has the password could enrol their own
    authenticator. So until this session has entered a one-time enrolment code (accounts/enrolment.py),
    allauth's MFA pages lead to the code page; and the account's e-mail address cannot be changed before a
    second factor is set up (the code is mailed to that address)."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")
    MFA_PREFIX = "/accounts/2fa/"
    BLOCKED_BEFORE_MFA = ("/accounts/email/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not mfa_required(request.user):
            if request.user.is_authenticated:
                enrolment.drop_grant(request)  # enrolled (or excused): the grant has done its work
            return self.get_response(request)
        path = request.path
        # The explanation pages themselves must stay reachable, or the redirect loops forever.
        if path in (reverse("web:mfa_required"), reverse("web:mfa_enrolment_code")):
            return self.get_response(request)
        if path.startswith(self.MFA_PREFIX) and not enrolment.has_grant(request):
            return redirect("web:mfa_enrolment_code")
        if path.startswith(self.BLOCKED_BEFORE_MFA) or not path.startswith(self.ALLOWED_PREFIXES):
            return redirect("web:mfa_required")
        return self.get_response(request)
