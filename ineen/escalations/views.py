"""Escalation pages: the case team's (list, raise, detail, record a breach) load through policy.get_case;
the manager's page through policy.get_escalation_for_manager (no case content); the barrier register shows
aggregates only. Refused input shows the form again with what was typed (400; 409 on a conflict)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ineen.access import policy
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.plans.models import BottomLine

from . import actions, barriers
from . import forms as f
from .enums import Category
from .models import BottomLineBreach, Escalation

READ = "get_case: chair of the house or active team member"
RAISE = "get_case + may_raise_escalation (the case team, not emergency access, not a closed case)"
BREACH = "get_case + may_record_breach (the bottom line's guardian, the case director or the chair)"
MANAGER = "get_escalation_for_manager: the manager it is addressed to (GET); + may_answer_escalation (POST)"
REGISTER = "barrier_register_houses: manager or chair of the house; aggregates only"
PURPOSE = actions.PURPOSE


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for e in errors:
                form.add_error(name if name in form.fields else None, e)
    else:
        form.add_error(None, error)


@require_GET
@login_required
@policy.access_rule(READ)
def case_escalations(request, public_id):
    access = policy.get_case(request, public_id, purpose=PURPOSE)
    case = access.case
    escalations = case.escalations.select_related("organisation", "addressed_to", "raised_by")
    breaches = BottomLineBreach.objects.filter(case=case).select_related(
        "bottom_line", "consequence__owner", "recorded_by"
    )
    return render(
        request,
        "escalations/case_list.html",
        {"case": case, "access": access, "escalations": escalations, "breaches": breaches},
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(RAISE)
def escalation_new(request, public_id):
    access = policy.get_case(
        request, public_id, purpose=PURPOSE, action=Action.CREATE, allow=policy.may_raise_escalation
    )
    case = access.case
    breach_id = request.POST.get("breach") if request.method == "POST" else request.GET.get("bodemeis")
    breach = None
    form = f.EscalationForm(request.POST or None, case=case)
    if breach_id:
        try:
            breach = access.related(BottomLineBreach, public_id=breach_id, purpose=PURPOSE)
        except ValidationError:  # not a UUID: the same answer as an unknown one
            raise access.refuse(reason="malformed id", object_type="bottomlinebreach", purpose=PURPOSE) from None
        if request.method == "GET":
            form = f.EscalationForm(initial={"category": Category.BOTTOM_LINE, "breach": breach.public_id}, case=case)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                escalation = actions.raise_escalation(
                    case=case,
                    actor=access.actor,
                    category=data["category"],
                    needed=data["needed"],
                    needed_by=data["needed_by"],
                    addressed_to=data["addressed_to"],
                    bridging_help=data["bridging_help"],
                    breach=breach,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De opschaling is verstuurd naar de manager."))
                return redirect("escalations:detail", case.public_id, escalation.public_id)
        status = 400
    return render(request, "escalations/new.html", {"case": case, "form": form, "breach": breach}, status=status)


@require_GET
@login_required
@policy.access_rule(READ)
def escalation_detail(request, public_id, escalation_id):
    access = policy.get_case(request, public_id, purpose=PURPOSE)
    escalation = access.related(
        Escalation.objects.select_related("organisation", "addressed_to", "raised_by", "breach__bottom_line"),
        public_id=escalation_id,
        purpose=PURPOSE,
    )
    return render(request, "escalations/detail.html", {"case": access.case, "escalation": escalation})


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(BREACH)
def breach_new(request, public_id, line_id):
    found = {}

    def allow(user, case, relation):
        line = BottomLine.objects.filter(case=case, public_id=line_id).first()
        found["line"] = line
        if line is not None:
            line.case = case
        return line is not None and line.status != "ended" and policy.may_record_breach(user, line, relation)

    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    access = policy.get_case(request, public_id, purpose=PURPOSE, action=action, allow=allow)
    case, line = access.case, found["line"]
    line.case = case
    previous = list(line.breaches.order_by("-occurred_on", "-pk"))
    initial = {"version": line.version}
    form = f.BreachForm(request.POST or None, initial=initial, case=case)
    status, conflict = 200, None
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                breach = actions.record_breach(
                    bottom_line=line,
                    actor=access.actor,
                    seen_version=data["version"],
                    occurred_on=data["occurred_on"],
                    what_happened=data["what_happened"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    barrier=data["barrier"],
                )
            except actions.Conflict as error:
                conflict = error.current
                post = request.POST.copy()
                post["version"] = conflict.version if conflict is not None else data["version"]
                form = f.BreachForm(post, case=case)
                form.is_valid()
                form.add_error(None, error)
                status = 409
            except ValidationError as error:
                _add_errors(form, error)
                status = 400
            else:
                # Generic on purpose: the message travels through the session store.
                messages.warning(
                    request, _("Vastgelegd: de bodemeis is niet nagekomen. Het gevolg staat als actie in het plan.")
                )
                if data["escalate"]:
                    return redirect(reverse("escalations:new", args=[case.public_id]) + f"?bodemeis={breach.public_id}")
                return redirect(reverse("plans:plan", args=[case.public_id]) + f"#bodemeis-{line.public_id}")
        else:
            status = 400
    return render(
        request,
        "escalations/breach.html",
        {"case": case, "line": line, "form": form, "previous": previous, "conflict": conflict},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(MANAGER)
def manager_detail(request, escalation_id):
    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    escalation = policy.get_escalation_for_manager(request, escalation_id, purpose="escalation_manager", action=action)
    may_answer = policy.may_answer_escalation(request.user, escalation)
    form = f.AnswerForm(request.POST or None, initial={"version": escalation.version, "result": escalation.result})
    status = 200
    if request.method == "POST":
        if not may_answer:
            raise policy.refusal(
                "escalation", purpose="escalation_manager", reason="case closed", action=action, object_id=escalation_id
            )
        if form.is_valid():
            try:
                actions.answer_escalation(
                    escalation=escalation,
                    actor=policy.actor_of(request, role=policy.ESCALATION_MANAGER),
                    seen_version=form.cleaned_data["version"],
                    status=form.cleaned_data["status"],
                    result=form.cleaned_data["result"],
                )
            except actions.Conflict as error:
                post = request.POST.copy()
                post["version"] = error.current.version if error.current is not None else escalation.version
                form = f.AnswerForm(post)
                form.is_valid()
                form.add_error(None, error)
                status = 409
            except ValidationError as error:
                _add_errors(form, error)
                status = 400
            else:
                messages.success(request, _("Uw reactie is vastgelegd."))
                return redirect("escalations:manager_detail", escalation.public_id)
        else:
            status = 400
    return render(
        request,
        "escalations/manager_detail.html",
        {"escalation": escalation, "form": form, "may_answer": may_answer},
        status=status,
    )


@require_GET
@login_required
@policy.access_rule(REGISTER)
def barrier_register(request):
    house_ids = policy.barrier_register_houses(request.user)
    if not house_ids:
        raise policy.refusal("barrier_register", purpose="barrier_register", reason="not a manager or chair")
    houses = barriers.register(house_ids)
    for house in houses:
        events.record(
            actor=policy.actor_of(request),
            action=Action.VIEW,
            subject=Subject("barrier_register", house.code, safety_house_code=house.code),
            purpose="barrier_register",
        )
    return render(request, "escalations/barriers.html", {"houses": houses, "threshold": barriers.THRESHOLD})
