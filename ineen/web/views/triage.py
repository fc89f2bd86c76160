"""The triage meeting (weegoverleg): the chair prepares it and records the decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ineen.access import policy
from ineen.audit.models import Action
from ineen.cases import actions
from ineen.cases.models import Referral
from ineen.web.fields import seen_version
from ineen.web.forms import TriageDecisionForm, TriagePrepareForm


def _context(request, case, prepare_form, decision_form):
    members = list(case.household.members.all())
    all_matches = policy.possible_matches(
        request.user,
        case.safety_house,
        [(p.first_name, p.last_name, p.birth_year, p.birth_date) for p in members],
    )
    # The referral answers show the referrer and their organisation: one query, not three.
    referral = Referral.objects.select_related("referrer", "referring_organisation").filter(case=case).first()
    return {
        "case": case,
        "referral": referral,
        "members": members,
        "prepare_form": prepare_form,
        "decision_form": decision_form,
        "matches": [m for m in all_matches if m.case.household_id != case.household_id],
        "decided": case.triages.exclude(decision="").first(),
    }


def _apply_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_triage (chair)")
def triage(request, public_id):
    access = policy.get_case(
        request,
        public_id,
        purpose="weegoverleg",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_triage,
    )
    case, _relation = access.case, access.relation
    current = case.triages.filter(decision="").first()
    form = TriagePrepareForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            actions.prepare_triage(
                case=case,
                actor=access.actor,
                seen_version=seen_version(request.POST),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De voorbereiding van het weegoverleg is opgeslagen."))
            return redirect("web:triage", case.public_id)
    status = 400 if form.errors else 200
    return render(request, "web/triage.html", _context(request, case, form, TriageDecisionForm()), status=status)


@require_http_methods(["POST"])
@login_required
@policy.access_rule("get_case + may_triage (chair)")
def triage_decide(request, public_id):
    access = policy.get_case(request, public_id, purpose="weegoverleg", action=Action.UPDATE, allow=policy.may_triage)
    case, _relation = access.case, access.relation
    form = TriageDecisionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            actions.decide_triage(
                case=case,
                actor=access.actor,
                seen_version=seen_version(request.POST),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
            # A conflict: the form (with the typed reasons) is shown again on the current state.
            status = 409 if isinstance(error, actions.StaleVersion) else 400
        else:
            messages.success(request, _("Het besluit is vastgelegd en de aanmelder is op de hoogte gebracht."))
            return redirect("web:case_detail", case.public_id)
    current = case.triages.filter(decision="").first()
    return render(
        request, "web/triage.html", _context(request, case, TriagePrepareForm(instance=current), form), status=status
    )
