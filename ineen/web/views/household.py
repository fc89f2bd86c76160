"""Adding what is known about the household: members, life domains, incidents, strengths, services,
legal measures and other tables. One URL per kind of record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ineen.access import policy
from ineen.audit.models import Action
from ineen.cases import actions as case_actions
from ineen.households import actions
from ineen.web import forms

# Which case page shows which kind of record (to return there after saving).
SERVICES_KINDS = {"hulpverlening", "maatregel", "overleg"}


def page_for(kind):
    return "web:case_services" if kind in SERVICES_KINDS else "web:case_household"


# kind in the URL -> (form, title)
KINDS = {
    "gezinslid": (forms.PersonEditForm, _("Gezinslid toevoegen")),
    "leefgebied": (forms.LifeDomainForm, _("Leefgebied vastleggen")),
    "incident": (forms.IncidentForm, _("Incident vastleggen")),
    "krachtbron": (forms.StrengthForm, _("Krachtbron toevoegen")),
    "hulpverlening": (forms.ServiceForm, _("Betrokken hulpverlening toevoegen")),
    "maatregel": (forms.MeasureForm, _("Maatregel toevoegen")),
    "overleg": (forms.OtherTableForm, _("Ander overleg toevoegen")),
}


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_edit_household (chair or active team member)")
def household_add(request, public_id, kind):
    if kind not in KINDS:
        raise Http404
    case, _relation = policy.get_case(
        request,
        public_id,
        purpose="huishouden",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_edit_household,
    )
    form_class, title = KINDS[kind]
    form = form_class(request.POST or None, household=case.household, case=case)
    if request.method == "POST" and form.is_valid():
        governance = {
            "concerns": form.cleaned_data.get("concerns"),
            "shared_with": form.cleaned_data.get("shared_with"),
        }
        if kind == "incident":
            actions.record_incident(
                case=case,
                incident=form.save(commit=False),
                involvements=form.involvements(),
                by=request.user,
                request=request,
                **governance,
            )
        else:
            actions.save_record(
                case=case, record=form.save(commit=False), by=request.user, request=request, **governance
            )
        messages.success(request, _("Opgeslagen."))
        return redirect(page_for(kind), case.public_id)
    return render(
        request,
        "web/household_form.html",
        {"case": case, "form": form, "title": title, "kind": kind, "back": page_for(kind)},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_edit_household (chair or active team member)")
def person_edit(request, public_id, person_id):
    case, _relation = policy.get_case(
        request,
        public_id,
        purpose="huishouden",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_edit_household,
    )
    person = case.household.members.filter(public_id=person_id).first()
    if person is None:
        raise Http404
    form = forms.PersonEditForm(request.POST or None, instance=person, household=case.household)
    if request.method == "POST" and form.is_valid():
        actions.save_record(case=case, record=form.save(commit=False), by=request.user, request=request)
        messages.success(request, _("Opgeslagen."))
        return redirect("web:case_household", case.public_id)
    return render(
        request,
        "web/household_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Gezinslid wijzigen"),
            "kind": "gezinslid",
            "back": "web:case_household",
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_edit_household (chair or active team member)")
def note_add(request, public_id):
    case, _relation = policy.get_case(
        request,
        public_id,
        purpose="notitie",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_edit_household,
    )
    form = forms.CaseNoteForm(request.POST or None, household=case.household, case=case)
    if request.method == "POST" and form.is_valid():
        case_actions.add_note(
            case=case,
            note=form.save(commit=False),
            by=request.user,
            request=request,
            concerns=form.cleaned_data["concerns"],
            shared_with=form.cleaned_data["shared_with"],
        )
        messages.success(request, _("De notitie is opgeslagen."))
        return redirect(reverse("web:case_household", args=[case.public_id]) + "#notities")
    return render(
        request,
        "web/household_form.html",
        {"case": case, "form": form, "title": _("Notitie toevoegen"), "kind": "notitie", "back": "web:case_household"},
        status=400 if form.errors else 200,
    )
