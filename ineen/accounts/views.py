"""The enrolment-code page: the step before a first second factor (ineen/accounts/enrolment.py)."""

from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ineen.access import policy
from ineen.access.actor import Actor

from . import enrolment


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Inschrijfcode"),
        max_length=40,
        help_text=_("Bijvoorbeeld ABCD-EFGH-JKMN. Hoofdletters en streepjes maken niet uit."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
        error_messages={"required": _("Vul de inschrijfcode in.")},
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("authenticated: own account only (one-time code before the first second factor)")
def enrolment_code(request):
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if enrolment.redeem(user=request.user, code=form.cleaned_data["code"], actor=Actor.from_request(request)):
            enrolment.grant(request)
            messages.success(request, _("De inschrijfcode klopt. Stel nu uw tweede stap in."))
            return redirect("mfa_index")
        form.add_error(
            "code",
            _(
                "Deze code klopt niet, is verlopen of is al gebruikt. Na %(max)s foute pogingen vervalt een code; "
                "vraag dan uw functioneel beheerder om een nieuwe."
            )
            % {"max": enrolment.MAX_ATTEMPTS},
        )
    context = {"form": form, "enrolled": is_mfa_enabled(request.user), "valid_days": enrolment.CODE_VALID_DAYS}
    return render(request, "web/mfa_enrolment_code.html", context, status=400 if form.errors else 200)
