"""Case direction and the case team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ineen.access import policy
from ineen.accounts.enums import CASEWORK_ROLES
from ineen.accounts.models import User
from ineen.audit.models import Action
from ineen.cases import actions
from ineen.web.fields import seen_version
from ineen.web.forms import CaseDirectorForm, TeamMemberForm
from ineen.web.views.triage import _apply_errors


def candidates(case):
    """People who can join this case's team: a casework role in its safety house, from a partner
    organisation. Listing them shows no case data."""
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__safety_house=case.safety_house,
            role_assignments__role__in=CASEWORK_ROLES,
            organisation__safety_houses=case.safety_house,
        )
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "last_name")
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_triage (chair)")
def case_director(request, public_id):
    access = policy.get_case(
        request,
        public_id,
        purpose="casusregie",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_triage,
    )
    case, _relation = access.case, access.relation
    form = CaseDirectorForm(request.POST or None, candidates=candidates(case))
    if request.method == "POST" and form.is_valid():
        try:
            actions.assign_case_director(
                case=case,
                actor=access.actor,
                seen_version=seen_version(request.POST),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De casusregisseur is vastgelegd."))
            return redirect("web:case_detail", case.public_id)
    history = list(case.director_assignments.select_related("director", "organisation"))
    return render(
        request,
        "web/case_director.html",
        {"case": case, "form": form, "history": history},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_manage_team (chair or case director)")
def team_add(request, public_id):
    access = policy.get_case(
        request,
        public_id,
        purpose="casusteam",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_manage_team,
    )
    case, _relation = access.case, access.relation
    # Someone already in the team (running or starting later) is not offered a second time.
    offered = candidates(case).exclude(pk__in=actions.running_memberships(case).values("user_id"))
    form = TeamMemberForm(request.POST or None, candidates=offered)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_team_member(case=case, actor=access.actor, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De professional is toegevoegd aan het casusteam."))
            return redirect("web:case_detail", case.public_id)
    return render(request, "web/team_add.html", {"case": case, "form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_manage_team (chair or case director)")
def team_end(request, public_id, membership_id):
    """Ending a membership stops access at once: a confirmation page (GET) says so before the POST does it."""
    access = policy.get_case(
        request,
        public_id,
        purpose="casusteam",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_manage_team,
    )
    case, _relation = access.case, access.relation
    membership = access.related(
        case.team.select_related("user", "organisation"), public_id=membership_id, purpose="casusteam"
    )
    if request.method == "GET":
        return render(request, "web/team_end.html", {"case": case, "membership": membership})
    try:
        actions.end_team_membership(membership=membership, actor=access.actor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het lidmaatschap is beëindigd; de toegang stopt direct."))
    return redirect("web:case_detail", case.public_id)
