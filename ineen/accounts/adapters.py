"""Hooks into django-allauth and django-axes."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are created by the functional administrator, never by self sign-up.
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed passwords per e-mail address, from anywhere: anyone could then lock a
        # professional out. Counting per account + address (like axes) keeps the limit on the guesser.
        # (Private allauth hook; tests/security/test_login_throttling.py notices if it disappears.)
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"

    def render_mail(self, template_prefix, email, context, headers=None):
        # allauth's own mails (password reset) get the headers of every Ineen mail (ineen/mail.py).
        from ineen import mail

        return super().render_mail(template_prefix, email, context, headers={**mail.headers(), **(headers or {})})

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
