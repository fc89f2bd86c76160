"""The family's words for one plan action or bottom line (issue 11, point 4): a small page for the chair
and the case director, reached from the plan page and from the workspace's prompt. Only the wording
(and whom a bottom line concerns) is read from the form: extra fields in a POST are ignored."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ineen.access import policy
from ineen.conferences.enums import ConferenceState
from ineen.households.models import Person

from . import wording
from .models import BottomLine, PlanAction
from .views import _load

RULE = "get_case + may_write_client_wording (chair or case director; not a closed case)"
HINT = gettext_lazy(
    "Schrijf het zo dat het gezin het begrijpt: korte zinnen, gewone woorden. Voor kinderen in hun eigen "
    "woorden. Dit komt in de documenten voor het gezin; de tekst voor professionals nooit. Het gezin leest dit "
    "ook zelf, via de eigen toegang. Schrijf nooit waar iemand verblijft."
)


class WordingForm(forms.Form):
    client_wording = forms.CharField(
        label=gettext_lazy("In woorden voor het gezin"),
        help_text=HINT,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=wording.MAX_TEXT,
    )
    concerns = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Voor wie in het gezin geldt dit?"),
        help_text=gettext_lazy("Niemand aangevinkt: voor het hele gezin."),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is None:
            del self.fields["concerns"]
        else:
            self.fields["concerns"].queryset = members


def _may_write(user, row, relation):
    return policy.may_write_client_wording(user, row.case, relation)


def _back(request, case, row):
    """Back to the workspace the prompt came from (only a planned or live conference of this case), or the
    plan page. Never a URL from the request: no open redirect."""
    conference = row.conference
    back = request.POST.get("terug") == "werkruimte" and conference is not None
    if back and conference.case_id == case.pk and conference.state in (ConferenceState.PLANNED, ConferenceState.LIVE):
        return reverse("conferences:workspace", args=[conference.public_id]) + "?weergave=plan#ws-wordings"
    return reverse("plans:plan", args=[case.public_id]) + "#woorden-voor-het-gezin"


def _edit(request, public_id, model, object_id):
    access, row = _load(request, public_id, model, object_id, _may_write)
    case = access.case
    is_line = model is BottomLine
    members = policy.household_records(case, case.household.members.all()) if is_line else None
    concern_ids = list(row.concerns.values_list("pk", flat=True)) if is_line else []
    current, status = None, 200
    if request.method == "POST":
        form = WordingForm(request.POST, members=members)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if is_line:
                    wording.set_bottom_line_wording(
                        actor=access.actor,
                        line=row,
                        client_wording=data["client_wording"],
                        concerns=data["concerns"],
                        seen=data["seen"],
                    )
                else:
                    wording.set_action_wording(
                        actor=access.actor, action=row, client_wording=data["client_wording"], seen=data["seen"]
                    )
            except wording.Conflict as conflict:
                current, status = conflict.current, 409
                data = request.POST.copy()
                data["seen"] = wording.seen_token(
                    current, current.concerns.values_list("pk", flat=True) if is_line else ()
                )
                form = WordingForm(data, members=members)
                form.is_valid()
                form.add_error(None, conflict)
            except ValidationError as error:
                status = 400
                for name, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                    for e in errors:
                        form.add_error(name if name in form.fields else None, e)
            else:
                messages.success(request, _("De woorden voor het gezin zijn opgeslagen."))
                return redirect(_back(request, case, row))
        else:
            status = 400
    else:
        initial = {"client_wording": row.client_wording, "seen": wording.seen_token(row, concern_ids)}
        if is_line:
            initial["concerns"] = concern_ids
        form = WordingForm(initial=initial, members=members)
    ctx = {
        "case": case,
        "relation": access.relation,
        "row": row,
        "is_line": is_line,
        "professional_text": row.text if is_line else row.what,
        "form": form,
        "current": current,
        "back": request.GET.get("terug") or request.POST.get("terug") or "",
    }
    return render(request, "plans/wording.html", ctx, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(RULE)
def action_wording(request, public_id, action_id):
    return _edit(request, public_id, PlanAction, action_id)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(RULE)
def bottom_line_wording(request, public_id, line_id):
    return _edit(request, public_id, BottomLine, line_id)
