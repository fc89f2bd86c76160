"""Referring a household (aanmelding), with the duplicate check before a new household is made."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ineen.access import policy
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases import actions
from ineen.cases.enums import CaseState
from ineen.web.forms import PersonFormSet, ReferralForm


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("referral_houses(user): casework role in a partner safety house")
def referral_new(request):
    houses = policy.referral_houses(request.user)
    if not houses.exists():
        raise policy.refusal("referral", purpose="aanmelding", reason="no casework role in a partner house")
    form = ReferralForm(request.POST or None, houses=houses)
    people = PersonFormSet(request.POST or None, prefix="person")
    matches = None
    if request.method == "POST" and form.is_valid() & people.is_valid():
        house = form.cleaned_data["safety_house"]
        persons = [p.cleaned_data for p in people.forms if p.cleaned_data]
        matches = policy.possible_matches(
            request.user, house, [(p["first_name"], p.get("last_name", ""), p.get("birth_year")) for p in persons]
        )
        if matches:
            events.record(
                actor=policy.Actor.from_request(request),
                action=Action.SEARCH,
                purpose="dubbelcheck aanmelding",
                subject=Subject("household_match"),
                detail=",".join(m.case.reference for m in matches),
            )
        existing = None
        choice = request.POST.get("existing_case", "")
        if matches and not choice and request.POST.get("matches_shown"):
            # Nothing is preselected: a new household must be a choice, not what happens by default.
            form.add_error(
                "existing_case",
                _("Kies of het om een huishouden gaat dat al bekend is, of om een ander huishouden."),
            )
        if choice and choice != "new":
            existing = next((m.case for m in matches if str(m.case.public_id) == choice), None)
            if existing is None:
                raise policy.refusal(
                    "case", purpose="aanmelding", reason="not a match this user may see", object_id=choice[:40]
                )
            if existing.state != CaseState.CLOSED:
                form.add_error(
                    None,
                    _(
                        "Voor dit huishouden loopt al casus %(ref)s. Neem contact op met de "
                        "casusregisseur of de procesregisseur."
                    )
                    % {"ref": existing.reference},
                )
        if not form.errors and (choice or not matches):
            answers = {k: form.cleaned_data[k] for k in ReferralForm.Meta.fields}
            try:
                case = actions.submit_referral(
                    actor=policy.Actor.from_request(request),
                    house=house,
                    household_name=form.cleaned_data["household_name"],
                    postcode_area=form.cleaned_data["postcode_area"],
                    people=persons,
                    answers=answers,
                    existing_household=existing.household if existing else None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("De aanmelding is verstuurd. De procesregisseur neemt haar mee in het weegoverleg.")
                )
                return redirect("web:referral_detail", case.referral.public_id)
    status = 400 if request.method == "POST" and (form.errors or people.total_error_count()) else 200
    return render(
        request,
        "web/referral_form.html",
        {"form": form, "people": people, "matches": matches, "choice": request.POST.get("existing_case", "")},
        status=status,
    )


@require_GET
@login_required
@policy.access_rule("get_own_referral: only the referrer")
def referral_detail(request, public_id):
    referral = policy.get_own_referral(request, public_id, purpose="status aanmelding")
    case = referral.case
    return render(
        request,
        "web/referral_detail.html",
        {
            "referral": referral,
            "case": case,
            "triage": case.triages.exclude(decision="").first(),
            "in_team": policy.case_relation(request.user, case) is not None,
        },
    )
