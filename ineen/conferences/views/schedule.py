"""Scheduling a conference, the conference page, invitations and attendance. One URL per action;
views load through the access policy, parse a form, call conferences/schedule.py and render. A refused
form shows the conference page again with the user's input and the message (400, or 409 on a conflict).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ineen.access import policy
from ineen.accounts.models import User
from ineen.audit.models import Action
from ineen.guide import queries as guide_queries
from ineen.guide.enums import Phase, Step

from .. import schedule as actions
from .. import schedule_forms as f
from ..enums import ConferenceState, PartKind
from ..models import ClientNotInvited, Invitation, KeepApart

CHAIR = "get_conference + may_chair_conference (chair of the house)"
READ = "get_conference (chair of the house or active team member)"


def _apply(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, error)


def _status(error):
    return 409 if isinstance(error, actions.Conflict) else 400


def _load(request, public_id, *, chair=False, update=False):
    return policy.get_conference(
        request,
        public_id,
        purpose=actions.PURPOSE,
        action=Action.UPDATE if update else Action.VIEW,
        allow=policy.may_chair_conference if chair else None,
        related=("chair",),
    )


def tree(version, phase, chosen_pks):
    """The guide's parts for `phase` as fieldsets per step, each top-level item a checkbox with its
    sub-questions listed under it."""
    nodes = guide_queries.items_for(version, phase)
    steps = []
    for value, label in Step.choices:
        here = [(node, node.item.pk in chosen_pks) for node in nodes if node.item.step == value]
        if here:
            steps.append({"key": value, "label": label, "nodes": here})
    return steps


def _chosen_pks(form, default):
    if form.is_bound:
        return {int(v) for v in form.data.getlist("chosen_items") if str(v).isdigit()}
    return {item.pk for item in default}


def _workspace_url(conference):
    try:
        return reverse("conferences:workspace", args=[conference.public_id])
    except NoReverseMatch:  # the live workspace is optional for this page
        return ""


# --- planning ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_schedule_conference (chair of the house)")
def schedule_new(request, public_id):
    access = policy.get_case(
        request,
        public_id,
        purpose=actions.PURPOSE,
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_schedule_conference,
    )
    case, relation = access.case, access.relation
    version = guide_queries.current_version()
    if version is None:
        raise access.refuse(reason="no current guide version", purpose="overleg plannen")
    members = list(policy.household_records(case, case.household.members.all()))
    phase = request.POST.get("phase") or request.GET.get("phase") or Phase.IMMEDIATE_SAFETY
    if phase not in Phase.values:
        phase = Phase.IMMEDIATE_SAFETY
    form = f.ScheduleForm(
        request.POST or None,
        version=version,
        members=members,
        initial={"phase": phase, "kind": "focus", "duration_minutes": 90},
    )
    status = 200
    if request.method == "POST":
        status = 400
        shown = request.POST.get("tree_phase")
        if form.is_valid() and shown != phase:
            # Without JavaScript the tree still shows the old phase's parts: show the new ones first.
            form.add_error("chosen_items", _("U koos een andere fase. Kies hieronder de onderdelen voor die fase."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                conference = actions.schedule(
                    case=case,
                    actor=access.actor,
                    kind=data["kind"],
                    phase=data["phase"],
                    goal=data["goal"],
                    starts_at=data["starts_at"],
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                    online_url=data["online_url"],
                    chosen_items=data["chosen_items"],
                    split=data["split"],
                    not_invited=form.not_invited(),
                )
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Het overleg is gepland. Nodig nu de professionals uit; zij krijgen "
                        "een uitnodiging met agenda-item."
                    ),
                )
                return redirect("conferences:detail", conference.public_id)
    default = guide_queries.default_selection(version, phase)
    chosen = _chosen_pks(form, default) if request.POST.get("tree_phase") == phase else {i.pk for i in default}
    ctx = {
        "case": case,
        "relation": relation,
        "form": form,
        "phase": phase,
        "phases": Phase.choices,
        "tree": tree(version, phase, chosen),
        "version": version,
    }
    if request.htmx and request.method == "GET":
        return render(request, "conferences/schedule_form.html#tree", ctx)
    return render(request, "conferences/schedule_form.html", ctx, status=status)


def _detail_context(request, conference, relation, forms=None):
    forms = dict(forms or {})
    case = conference.case
    is_chair = policy.may_chair_conference(request.user, conference, relation)
    invitations = list(
        Invitation.objects.filter(conference=conference).select_related("user__organisation", "person", "part")
    )
    parts = list(conference.parts.all())
    invited_users = {inv.user_id for inv in invitations if inv.user_id}
    # The household's members with their recorded reason for not being invited: one query for both.
    members = list(
        policy.household_records(case, case.household.members.all()).annotate(
            not_invited_reason=Subquery(
                ClientNotInvited.objects.filter(conference=conference, person=OuterRef("pk")).values("reason")[:1]
            )
        )
    )
    not_invited = [p for p in members if p.not_invited_reason is not None]
    decided = {inv.person_id for inv in invitations if inv.person_id} | {p.pk for p in not_invited}
    kept = (
        list(KeepApart.objects.filter(household=case.household).select_related("person_a", "person_b"))
        if is_chair
        else None
    )
    pairs = actions.apart_pairs(case.household, kept=kept)
    ctx = {
        "conference": conference,
        "case": case,
        "relation": relation,
        "may_chair": is_chair,
        "may_take_part": policy.may_take_part(request.user, conference, relation, invited_user_ids=invited_users),
        "is_planned": conference.state == ConferenceState.PLANNED,
        "is_open": conference.state in (ConferenceState.PLANNED, ConferenceState.LIVE),
        "tables": actions.tables(conference, invitations, parts),
        "limit": actions.TABLE_LIMIT,
        "split": any(p.kind == PartKind.CLOSED for p in parts),  # a youth part alone is no split
        "youth_part": next((p for p in parts if p.kind == PartKind.YOUTH), None),
        "not_invited": not_invited,
        "undecided": [p for p in members if p.pk not in decided],
        "conflicts": actions.apart_conflicts(invitations, pairs),
        "chosen": list(conference.chosen_items.order_by("order")),
        "workspace_url": _workspace_url(conference),
        "is_ended": conference.state == ConferenceState.ENDED,
        # After the meeting: the way to the report and, for who may hand them out, the client versions.
        "client_versions": (
            sorted(members, key=lambda m: (m.birth_year or 0, m.first_name))
            if conference.state == ConferenceState.ENDED and policy.may_manage_privacy(request.user, case, relation)
            else []
        ),
    }
    if is_chair:
        member_qs = policy.household_records(case, case.household.members.all())
        candidates = (
            User.objects.filter(pk__in=actions.active_team(case).values("user_id"))
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        ctx.update(
            keep_apart=kept,
            invite_user_form=forms.get("invite_user")
            or f.InviteUserForm(conference=conference, candidates=candidates, parts=parts),
            invite_person_form=forms.get("invite_person")
            or f.InvitePersonForm(conference=conference, members=member_qs, parts=parts, loaded=members),
            non_invitation_form=forms.get("non_invitation") or f.NonInvitationForm(members=member_qs, loaded=members),
            keep_apart_form=forms.get("keep_apart") or f.KeepApartForm(members=member_qs, loaded=members),
            attendance_form=forms.get("attendance") or f.AttendanceForm(invitations=invitations),
            cancel_form=forms.get("cancel") or f.CancelForm(initial={"version": conference.version}),
            uninvite_form=forms.get("uninvite") or f.UninviteForm(),
            uninvite_error=forms.get("uninvite_for"),
        )
    return ctx


@require_http_methods(["GET"])
@login_required
@policy.access_rule(READ)
def detail(request, public_id):
    access = _load(request, public_id)
    conference, relation = access.conference, access.relation
    return render(request, "conferences/conference_detail.html", _detail_context(request, conference, relation))


def _refused(request, conference, relation, key, form, error=None):
    status = 400
    if error is not None:
        _apply(form, error)
        status = _status(error)
    return render(
        request,
        "conferences/conference_detail.html",
        _detail_context(request, conference, relation, {key: form}),
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(CHAIR)
def edit(request, public_id):
    access = _load(request, public_id, chair=True, update=request.method == "POST")
    conference, relation = access.conference, access.relation
    if conference.state != ConferenceState.PLANNED:
        messages.error(request, _("Dit overleg is al begonnen, afgerond of geannuleerd; wijzigen kan niet meer."))
        return redirect("conferences:detail", conference.public_id)
    version = conference.guide_version
    chosen = list(conference.chosen_items.all())
    initial = {
        "version": conference.version,
        "chosen_items": chosen,
        "split": conference.parts.filter(kind=PartKind.CLOSED).exists(),
    }
    form = f.EditForm(request.POST or None, instance=conference, initial=initial, version=version)
    status, current = 200, None
    if request.method == "POST":
        status = 400
        # The form is only a parser here: the action writes, conditional on the version the chair saw.
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.reschedule(
                    conference=conference,
                    actor=access.actor,
                    seen_version=data["version"],
                    kind=data["kind"],
                    goal=data["goal"],
                    starts_at=data["starts_at"],
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                    online_url=data["online_url"],
                    chosen_items=data["chosen_items"],
                    split=data["split"],
                )
            except ValidationError as error:
                current = getattr(error, "current", None)
                if current is not None:  # a conflict: keep the input, carry the version now stored
                    data = request.POST.copy()
                    data["version"] = str(current.version)
                    form = f.EditForm(data, instance=conference, initial=initial, version=version)
                    form.is_valid()
                _apply(form, error)
                status = _status(error)
            else:
                messages.success(
                    request,
                    _(
                        "Het overleg is gewijzigd. Bij een nieuwe tijd of plaats krijgen de "
                        "uitgenodigden een bijgewerkt agenda-item."
                    ),
                )
                return redirect("conferences:detail", conference.public_id)
    ctx = {
        "conference": conference,
        "case": conference.case,
        "relation": relation,
        "form": form,
        "current": current,
        "tree": tree(version, conference.phase, _chosen_pks(form, chosen)),
    }
    return render(request, "conferences/conference_edit.html", ctx, status=status)


@require_POST
@login_required
@policy.access_rule(CHAIR)
def cancel(request, public_id):
    access = _load(request, public_id, chair=True, update=True)
    conference, relation = access.conference, access.relation
    form = f.CancelForm(request.POST)
    if not form.is_valid():
        return _refused(request, conference, relation, "cancel", form)
    try:
        actions.cancel(
            conference=conference,
            actor=access.actor,
            reason=form.cleaned_data["reason"],
            seen_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        return _refused(request, conference, relation, "cancel", form, error)
    messages.success(request, _("Het overleg is geannuleerd; de uitgenodigde professionals krijgen bericht."))
    return redirect("conferences:detail", conference.public_id)


# --- invitations ---------------------------------------------------------------------------------


def _done(request, conference, message, anchor="aan-tafel"):
    messages.success(request, message)
    return redirect(reverse("conferences:detail", args=[conference.public_id]) + f"#{anchor}")


@require_POST
@login_required
@policy.access_rule(CHAIR)
def invite_user(request, public_id):
    access = _load(request, public_id, chair=True, update=True)
    conference, relation = access.conference, access.relation
    candidates = User.objects.filter(pk__in=actions.active_team(conference.case).values("user_id"))
    form = f.InviteUserForm(
        request.POST, conference=conference, candidates=candidates, parts=list(conference.parts.all())
    )
    if not form.is_valid():
        return _refused(request, conference, relation, "invite_user", form)
    try:
        actions.invite_user(conference=conference, actor=access.actor, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, conference, relation, "invite_user", form, error)
    return _done(request, conference, _("De professional is uitgenodigd."))


@require_POST
@login_required
@policy.access_rule(CHAIR)
def invite_person(request, public_id):
    access = _load(request, public_id, chair=True, update=True)
    conference, relation = access.conference, access.relation
    form = f.InvitePersonForm(
        request.POST,
        conference=conference,
        members=policy.household_records(conference.case, conference.case.household.members.all()),
        parts=list(conference.parts.all()),
    )
    if not form.is_valid():
        return _refused(request, conference, relation, "invite_person", form)
    try:
        actions.invite_person(conference=conference, actor=access.actor, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, conference, relation, "invite_person", form, error)
    return _done(
        request,
        conference,
        _("Het gezinslid is uitgenodigd. De casusregisseur informeert en bereidt hem of haar voor."),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def uninvite(request, public_id, invitation_id):
    access = _load(request, public_id, chair=True, update=True)
    conference, relation = access.conference, access.relation
    invitation = (
        Invitation.objects.filter(conference=conference, public_id=invitation_id)
        .select_related("user", "person", "part", "conference__case__household", "conference__case__safety_house")
        .first()
    )
    if invitation is None:
        raise access.refuse(reason="unknown invitation", object_type="invitation", object_id=invitation_id)
    form = f.UninviteForm(request.POST)
    form.is_valid()
    try:
        actions.uninvite(invitation=invitation, actor=access.actor, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as error:
        _apply(form, error)
        return render(
            request,
            "conferences/conference_detail.html",
            _detail_context(request, conference, relation, {"uninvite": form, "uninvite_for": invitation.public_id}),
            status=400,
        )
    return _done(request, conference, _("De uitnodiging is ingetrokken."))


@require_POST
@login_required
@policy.access_rule(CHAIR)
def non_invitation(request, public_id):
    access = _load(request, public_id, chair=True, update=True)
    conference, relation = access.conference, access.relation
    form = f.NonInvitationForm(
        request.POST, members=policy.household_records(conference.case, conference.case.household.members.all())
    )
    if not form.is_valid():
        return _refused(request, conference, relation, "non_invitation", form)
    try:
        actions.record_non_invitation(conference=conference, actor=access.actor, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, conference, relation, "non_invitation", form, error)
    return _done(request, conference, _("De reden om niet uit te nodigen is vastgelegd."))


@require_POST
@login_required
@policy.access_rule(CHAIR)
def keep_apart(request, public_id):
    access = _load(request, public_id, chair=True, update=True)
    conference, relation = access.conference, access.relation
    form = f.KeepApartForm(
        request.POST, members=policy.household_records(conference.case, conference.case.household.members.all())
    )
    if not form.is_valid():
        return _refused(request, conference, relation, "keep_apart", form)
    try:
        actions.keep_apart(conference=conference, actor=access.actor, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, conference, relation, "keep_apart", form, error)
    return _done(
        request,
        conference,
        _("Vastgelegd: deze twee worden nooit voor hetzelfde deel uitgenodigd."),
        anchor="uit-elkaar",
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def attendance(request, public_id):
    access = _load(request, public_id, chair=True, update=True)
    conference, relation = access.conference, access.relation
    invitations = Invitation.objects.filter(conference=conference).select_related("user", "person", "part")
    form = f.AttendanceForm(request.POST, invitations=invitations)
    if not form.is_valid():
        return _refused(request, conference, relation, "attendance", form)
    try:
        actions.record_attendance(conference=conference, actor=access.actor, attendance=form.values())
    except ValidationError as error:
        return _refused(request, conference, relation, "attendance", form, error)
    return _done(request, conference, _("De aanwezigheid is vastgelegd."), anchor="aanwezigheid")
