"""Hooks into django-allauth and django-axes."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are created by the functional administrator, never by self sign-up.
        return False

    def login(self, request, user):
        super().login(request, user)
        # Mark the start of the session for the 12-hour absolute limit (see SessionExpiryMiddleware).
        from .middleware import mark_session_start

        mark_session_start(request)


def axes_username(request, credentials):
    """Axes throttles per username + IP; allauth posts the e-mail address as "login"."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if not value and request is not None:
        value = request.POST.get("login", "")
    return (value or "").strip().lower()
