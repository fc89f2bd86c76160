"""The professional side of client access: the case director (or the chair) hands a household member their
own link and code, sees whether it is in use, and revokes it. Granting asks for a fresh login (like other
sensitive steps) and shows the code once, on the handover sheet: it is never stored, never mailed."""

from allauth.account.internal.flows.reauthentication import is_reauthentication_required
from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ineen.access import policy
from ineen.audit.models import Action
from ineen.conferences.report import informal
from ineen.households.models import Person

from . import actions
from .forms import GrantForm
from .models import ClientAccess

PURPOSE = actions.PURPOSE
MANAGE = "get_case + may_manage_client_access (chair or case director; not closed); POST: member of this case, reauth"
REVOKE = "get_case + may_manage_client_access (chair or case director; not closed); access of this case"


def _load(request, public_id, *, action=Action.VIEW):
    return policy.get_case(request, public_id, purpose=PURPOSE, action=action, allow=policy.may_manage_client_access)


def _members(case):
    members = list(policy.household_records(case, case.household.members.all()).order_by("pk"))
    accesses = {}
    for access in ClientAccess.objects.filter(case=case).select_related("revoked_by", "created_by"):
        accesses.setdefault(access.person_id, []).append(access)  # newest first (Meta.ordering)
    for member in members:
        member.accesses = accesses.get(member.pk, [])
        member.current = member.accesses[0] if member.accesses else None
    return members


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(MANAGE)
def manage(request, public_id):
    post = request.method == "POST"
    access = _load(request, public_id, action=Action.CREATE if post else Action.VIEW)
    case = access.case
    status = 200
    if post:
        if is_reauthentication_required(request, app=""):
            raise ReauthenticationRequired()
        form = GrantForm(request.POST)
        if form.is_valid():
            person = access.related(
                Person, public_id=form.cleaned_data["person"], action=Action.CREATE, purpose=PURPOSE
            )
            try:
                granted, token, code = actions.grant_access(actor=access.actor, case=case, person=person)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                # The one time the link and the code exist: rendered straight into this response (no redirect,
                # so they never pass through the session store), and never cached (logged in: no-store).
                link = settings.INEEN_BASE_URL.rstrip("/") + reverse("portal:code", args=[token])
                return render(
                    request,
                    "portal/handover.html",
                    {
                        "case": case,
                        "person": person,
                        "access": granted,
                        "link": link,
                        "code": actions.show_code(code),
                        "informal": informal(person),
                    },
                )
        else:
            status = 400
    return render(
        request,
        "portal/manage.html",
        {"case": case, "members": _members(case), "days": settings.INEEN_CLIENT_ACCESS_DAYS},
        status=status,
    )


@require_POST
@login_required
@policy.access_rule(REVOKE)
def revoke(request, public_id, access_id):
    access = _load(request, public_id, action=Action.DELETE)
    target = access.related(
        ClientAccess.objects.select_related("person", "case"),
        public_id=access_id,
        action=Action.DELETE,
        purpose=PURPOSE,
    )
    actions.revoke_access(actor=access.actor, access=target)
    messages.success(request, _("De eigen toegang is ingetrokken. De link werkt niet meer."))
    return redirect("portal:manage", access.case.public_id)
