"""Between the meetings: warm handover, closure with a closure plan, the follow-up check, and the standing
triage meeting (issue 10). Domain rules live in ineen/cases/{direction,aftercare,triage_meetings}.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ineen.access import policy
from ineen.accounts.enums import CASEWORK_ROLES
from ineen.accounts.models import User
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases import actions, aftercare, direction, triage_meetings
from ineen.cases.enums import CaseState
from ineen.web.fields import seen_version
from ineen.web.forms_direction import AgendaOutcomeForm, ClosureForm, FollowUpForm, HandoverForm, TriageMeetingForm
from ineen.web.views.triage import _apply_errors


def _method_action(request):
    return Action.UPDATE if request.method == "POST" else Action.VIEW


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_confirm_handover (the current case director)")
def case_handover(request, public_id):
    access = policy.get_case(
        request, public_id, purpose="casusregie", action=_method_action(request), allow=policy.may_confirm_handover
    )
    case = access.case
    if request.method == "POST":
        try:
            direction.confirm_handover(case=case, actor=access.actor)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("U hebt bevestigd dat u de overdracht hebt gelezen."))
            return redirect("web:case_detail", case.public_id)
    return render(request, "web/case_handover.html", {"case": case, "assignment": direction.current_assignment(case)})


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_write_handover (current director; chair when the director is gone)")
def handover_write(request, public_id):
    access = policy.get_case(
        request, public_id, purpose="casusregie", action=_method_action(request), allow=policy.may_write_handover
    )
    case = access.case
    assignment = direction.current_assignment(case)
    form = HandoverForm(request.POST or None, initial={"note": assignment.outgoing_note if assignment else ""})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                direction.write_handover(
                    case=case,
                    actor=access.actor,
                    note=form.cleaned_data["note"],
                    seen_version=seen_version(request.POST),
                )
            except ValidationError as error:
                _apply_errors(form, error)
                status = 409 if isinstance(error, direction.StaleHandover) else 400
                assignment = direction.current_assignment(case)
            else:
                messages.success(
                    request, _("De overdracht is opgeslagen. De nieuwe casusregisseur krijgt deze te lezen.")
                )
                return redirect("web:case_detail", case.public_id)
    return render(
        request, "web/handover_write.html", {"case": case, "assignment": assignment, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_change_state (chair)")
def case_close(request, public_id):
    """Close with a closure plan (an active case) or with a reason only (a referral not yet taken up)."""
    access = policy.get_case(
        request, public_id, purpose="afsluiting", action=_method_action(request), allow=policy.may_change_state
    )
    case = access.case
    form = ClosureForm(request.POST or None)
    if case.state != CaseState.ACTIVE:
        for name in list(form.fields):
            if name != "reason":
                del form.fields[name]
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                actions.close_case(
                    case=case,
                    actor=access.actor,
                    reason=data.pop("reason"),
                    plan=data,
                    seen_version=seen_version(request.POST),
                )
            except ValidationError as error:
                _apply_errors(form, error)
                status = 409 if isinstance(error, actions.StaleVersion) else 400
            else:
                messages.success(request, _("De casus is afgesloten. De nazorgcheck is gepland."))
                return redirect("web:case_detail", case.public_id)
    return render(
        request,
        "web/case_close.html",
        {"case": case, "form": form, "phase_close": aftercare.phase_decided_to_close(case)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_record_followup (chair or former case director, closed case)")
def case_followup(request, public_id):
    access = policy.get_case(
        request, public_id, purpose="nazorg", action=_method_action(request), allow=policy.may_record_followup
    )
    case = access.case
    plan = aftercare.latest_plan(case)
    form = FollowUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                aftercare.record_followup(
                    case=case,
                    actor=access.actor,
                    how=form.cleaned_data["how"],
                    reopen_needed=form.cleaned_data["reopen_needed"] == "yes",
                    seen_version=seen_version(request.POST),
                )
            except ValidationError as error:
                _apply_errors(form, error)
                status = 409 if isinstance(error, aftercare.StaleFollowUp) else 400
            else:
                messages.success(request, _("De nazorgcheck is vastgelegd."))
                return redirect("web:case_detail", case.public_id)
    return render(request, "web/case_followup.html", {"case": case, "plan": plan, "form": form}, status=status)


# --- the standing triage meeting -------------------------------------------------------------------


def _chaired_house(request):
    houses = policy.houses_with_role(request.user, [policy.Role.CHAIR])
    if not houses:
        raise policy.refusal("triage_meeting", purpose="weegoverleg", reason="not chair")
    from ineen.accounts.models import SafetyHouse

    return SafetyHouse.objects.get(pk=houses[0])


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("chair of a safety house (houses_with_role CHAIR)")
def triage_meeting_new(request):
    house = _chaired_house(request)
    partners = (
        User.objects.filter(
            is_active=True,
            role_assignments__safety_house=house,
            role_assignments__role__in=CASEWORK_ROLES,
            organisation__isnull=False,
        )
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "last_name")
    )
    waiting = triage_meetings.waiting_for_triage(house).order_by("opened_at")
    form = TriageMeetingForm(request.POST or None, partners=partners, waiting=waiting)
    actor = policy.Actor.from_request(request, role=policy.CHAIR)
    events.record(
        actor=actor,
        action=_method_action(request),
        purpose="weegoverleg",
        subject=Subject("triage_meeting", "new", safety_house_code=house.code),
        detail=",".join(c.reference for c in waiting),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = triage_meetings.plan_meeting(house=house, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Het weegoverleg is gepland."))
            return redirect("web:triage_meeting", meeting.public_id)
    return render(request, "web/triage_meeting_new.html", {"form": form}, status=400 if form.errors else 200)


def _meeting_context(meeting, forms=None):
    agenda = list(meeting.agenda.select_related("case", "case__referral", "triage"))
    forms = forms or {}
    return {
        "meeting": meeting,
        "agenda": [(item, forms.get(item.pk) or AgendaOutcomeForm(prefix=str(item.public_id))) for item in agenda],
        "invited": list(meeting.invited.select_related("organisation")),
    }


@require_http_methods(["GET"])
@login_required
@policy.access_rule("get_triage_meeting (chair of the house)")
def triage_meeting(request, meeting_id):
    meeting = policy.get_triage_meeting(request, meeting_id, purpose="weegoverleg")
    return render(request, "web/triage_meeting.html", _meeting_context(meeting))


@require_http_methods(["POST"])
@login_required
@policy.access_rule("get_triage_meeting (chair of the house)")
def triage_meeting_outcome(request, meeting_id, item_id):
    meeting = policy.get_triage_meeting(request, meeting_id, purpose="weegoverleg", action=Action.UPDATE)
    item = meeting.agenda.filter(public_id=item_id).first()
    if item is None:
        raise policy.refusal("triage_agenda_item", purpose="weegoverleg", reason="unknown", object_id=item_id)
    form = AgendaOutcomeForm(request.POST, prefix=str(item.public_id))
    if form.is_valid():
        try:
            triage_meetings.record_outcome(
                item=item, actor=policy.Actor.from_request(request, role=policy.CHAIR), **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De uitkomst is vastgelegd; de aanmelder ziet deze met de redenen."))
            return redirect("web:triage_meeting", meeting.public_id)
    return render(request, "web/triage_meeting.html", _meeting_context(meeting, {item.pk: form}), status=400)
