"""A case's family profile and its arrangement (issue 13, point 5), and the partners' catalogue.
Thin views: load through the access policy, parse, call arrangements/actions.py, render; bad input is a 400
with the user's input kept, a profile set by someone else meanwhile a 409."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ineen.access import policy
from ineen.audit.models import Action
from ineen.cases.enums import TeamRole
from ineen.plans import changes

from . import actions
from .enums import ElementState, OfferKind
from .forms import ElementChoiceForm, ProfileForm
from .models import ArrangementTemplate, CaseProfile, FamilyProfile, PartnerOffer

READ = "get_case: chair of the house or active team member (reading); writing: may_set_profile"


def _load(request, public_id):
    if request.method == "POST":
        return policy.get_case(
            request, public_id, purpose=actions.PURPOSE, action=Action.UPDATE, allow=policy.may_set_profile
        )
    return policy.get_case(request, public_id, purpose=actions.PURPOSE)


def _errors_into(form, error):
    for name, errors in getattr(error, "error_dict", {None: error.error_list}).items():
        for e in errors:
            form.add_error(name if name in form.fields else None, e)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(READ)
def profile(request, public_id):
    access = _load(request, public_id)
    case, relation = access.case, access.relation
    may_set = policy.may_set_profile(request.user, case, relation)
    profiles = FamilyProfile.objects.filter(safety_house=case.safety_house, active=True)
    current = actions.current_profile(case)
    status, conflict = 200, None
    form = ProfileForm(initial={"seen": actions.seen_token(current)}, profiles=profiles) if may_set else None
    if request.method == "POST":
        form = ProfileForm(request.POST, profiles=profiles)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.assign_profile(
                    case=case, actor=access.actor, profile=data["profile"], reason=data["reason"], seen=data["seen"]
                )
            except actions.Conflict as error:
                status, conflict = 409, error.current
                posted = request.POST.copy()
                posted["seen"] = actions.seen_token(error.current)
                form = ProfileForm(posted, profiles=profiles)
                form.is_valid()
                form.add_error(None, error)
            except ValidationError as error:
                status = 400
                _errors_into(form, error)
            else:
                messages.success(request, _("Het gezinsprofiel is vastgelegd."))
                return redirect(reverse("arrangements:arrangement", args=[case.public_id]))
        else:
            status = 400
    ctx = {
        "case": case,
        "household": case.household,
        "relation": relation,
        "current": current,
        "conflict": conflict,
        "history": CaseProfile.objects.filter(case=case).select_related("profile", "assigned_by")[:20],
        "profiles": profiles,
        "form": form,
        "may_set": may_set,
    }
    return render(request, "arrangements/profile.html", ctx, status=status)


def _rows(case, template, team, data=None):
    """The template's elements with their state and, for missing ones, a small form (prefix = element id)."""
    director = next((m.user_id for m in team if m.role == TeamRole.CASE_DIRECTOR), team[0].user_id if team else None)
    today = timezone.localdate()
    rows = []
    for element, state, change in actions.element_states(case, template):
        form = None
        if state == ElementState.MISSING and team:
            initial = {
                "chosen": element.mandatory,
                "owner": director,
                "due_on": today + timezone.timedelta(weeks=element.weeks),
            }
            form = ElementChoiceForm(data, initial=initial, team=team, prefix=f"e{element.public_id.hex[:12]}")
        rows.append({"element": element, "state": state, "change": change, "form": form})
    return rows


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(READ)
def arrangement(request, public_id):
    access = _load(request, public_id)
    case, relation = access.case, access.relation
    may_set = policy.may_set_profile(request.user, case, relation)
    current = actions.current_profile(case)
    team = changes.running_team(case) if may_set else []
    templates = []
    if current is not None:
        templates = list(
            ArrangementTemplate.objects.filter(profile=current.profile, active=True).prefetch_related(
                "elements", "elements__offer", "elements__offer__organisation"
            )
        )
    status, posted_template = 200, None
    if request.method == "POST":
        posted_template = next((t for t in templates if str(t.public_id) == request.POST.get("template")), None)
        if posted_template is None:
            raise policy.refusal(
                "arrangement",
                purpose=actions.PURPOSE,
                reason="template not of this case's profile",
                action=Action.UPDATE,
            )
    sections = []
    for template in templates:
        data = request.POST if template is posted_template else None
        sections.append({"template": template, "rows": _rows(case, template, team, data)})
    if posted_template is not None:
        section = next(s for s in sections if s["template"] is posted_template)
        forms = [r["form"] for r in section["rows"] if r["form"] is not None]
        if all(form.is_valid() for form in forms):
            members = {m.user_id: m.user for m in team}
            choices = [
                (r["element"], members.get(r["form"].cleaned_data["owner"]), r["form"].cleaned_data["due_on"])
                for r in section["rows"]
                if r["form"] is not None and r["form"].cleaned_data["chosen"]
            ]
            if not choices:
                status = 400
                section["error"] = _("Kies ten minste één onderdeel om voor te stellen.")
            else:
                try:
                    actions.apply_template(case=case, actor=access.actor, template=posted_template, choices=choices)
                except ValidationError as error:
                    status = 400
                    by_element = getattr(error, "message_dict", {})
                    for r in section["rows"]:
                        for message in by_element.get(str(r["element"].public_id), []):
                            r["form"].add_error(None, message)
                    if not by_element:
                        section["error"] = " ".join(error.messages)
                else:
                    messages.success(
                        request,
                        _("De gekozen onderdelen zijn als planwijziging voorgesteld. De eigenaren geven hun akkoord."),
                    )
                    return redirect(reverse("arrangements:arrangement", args=[case.public_id]))
        else:
            status = 400
    ctx = {
        "case": case,
        "household": case.household,
        "relation": relation,
        "current": current,
        "sections": sections,
        "may_set": may_set,
        "missing": [
            (s["template"], r["element"])
            for s in sections
            for r in s["rows"]
            if actions.is_missing_mandatory(r["element"], r["state"])
        ],
        "states": ElementState.choices,
    }
    return render(request, "arrangements/arrangement.html", ctx, status=status)


@require_GET
@login_required
@policy.access_rule("catalogue_houses: any role in the safety house (no case data)")
def catalogue(request):
    houses = policy.catalogue_houses(request.user)
    if not houses:
        raise policy.refusal("catalogue", purpose="catalogus", reason="no role in any safety house")
    kind = request.GET.get("soort", "")
    offers = PartnerOffer.objects.filter(safety_house_id__in=houses, active=True).select_related("organisation")
    if kind in OfferKind.values:
        offers = offers.filter(kind=kind)
    groups = []
    for value, label in OfferKind.choices:
        items = [o for o in offers if o.kind == value]
        if items:
            groups.append({"kind": value, "label": label, "offers": items})
    return render(request, "arrangements/catalogue.html", {"groups": groups, "kinds": OfferKind.choices, "kind": kind})
