"""The page shown when a form's CSRF check fails (settings.CSRF_FAILURE_VIEW): in Dutch and in Ineen's
own style instead of Django's English technical page. It usually means the form was open so long that the
session ended (SESSION_COOKIE_AGE), or it was sent from an old tab after logging in again."""

from django.shortcuts import render

from ineen.access import policy


@policy.access_rule("none: shown instead of any refused POST; reveals nothing but that the form expired")
def csrf_failure(request, reason=""):
    # `reason` is Django's technical cause; never shown (it would mean nothing to the user).
    return render(request, "403_csrf.html", status=403)
