"""Clients at the table: the overview per household member (preparation talk, attendance, debrief or
feedback), the preparation talk, the household's attendance and the follow-up tasks. One URL per action;
views load through the access policy, parse a form and call conferences/clients.py. A refused form is
shown again with the user's input (400, or 409 on a conflict)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ineen.access import policy
from ineen.accounts.models import User
from ineen.audit.models import Action
from ineen.households.models import Person

from .. import client_forms as f
from .. import clients, own_guide
from ..models import ClientFollowUp, Invitation, OwnGuide, PreparationTalk, SelfRating
from ..report import informal
from ..schedule_table import active_team
from ..self_rating import question_text
from ..youth import is_young_person

PURPOSE = "cliënten aan tafel"
READ = "get_conference (chair of the house or active team member)"
TALK = "get_conference + may_record_preparation_talk (case director or involved professional)"
CHAIR = "get_conference + may_chair_conference (chair of the house)"
FOLLOW_UP_CHANGE = "get_conference + may_change_client_follow_up (case director or chair)"
FOLLOW_UP_DONE = "get_conference + may_complete_client_follow_up (owner, case director or chair)"


def _apply(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, error)


def _load(request, public_id, *, allow=None, update=False):
    return policy.get_conference(
        request,
        public_id,
        purpose=PURPOSE,
        action=Action.UPDATE if update else Action.VIEW,
        allow=allow,
        related=("chair",),
    )


def _team(conference):
    ids = {m.user_id for m in active_team(conference.case)} | {conference.chair_id}
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name")


def _page(conference):
    return reverse("conferences:clients", args=[conference.public_id])


def _overview(request, access, *, forms=None, status=200):
    conference, relation, user = access.conference, access.relation, access.user
    rows = clients.client_rows(conference)
    follow_ups = list(ClientFollowUp.objects.filter(conference=conference).select_related("person", "owner", "done_by"))
    team = _team(conference)
    forms = forms or {}
    for fu in follow_ups:
        fu.conference = conference
        fu.may_change = policy.may_change_client_follow_up(user, fu, relation)
        fu.may_complete = policy.may_complete_client_follow_up(user, fu, relation)
        fu.change_form = forms.get(f"change-{fu.pk}") or f.FollowUpChangeForm(
            initial={"owner": fu.owner_id, "due_on": fu.due_on, "version": fu.version},
            team=team,
            auto_id=f"fu-{fu.pk}-change-%s",
        )
        fu.done_form = forms.get(f"done-{fu.pk}") or f.FollowUpDoneForm(
            initial={"version": fu.version}, auto_id=f"fu-{fu.pk}-done-%s"
        )
    ctx = {
        "conference": conference,
        "case": conference.case,
        "relation": relation,
        "rows": rows,
        "follow_ups": follow_ups,
        "may_talk": policy.may_record_preparation_talk(user, conference, relation)
        and conference.state in clients.TALK_STATES,
        "may_chair": policy.may_chair_conference(user, conference, relation),
        "may_print": policy.may_print_client_documents(user, conference.case, relation),
        "may_manage_client_access": policy.may_manage_client_access(user, conference.case, relation),
    }
    return render(request, "conferences/clients.html", ctx, status=status)


@require_http_methods(["GET"])
@login_required
@policy.access_rule(READ)
def overview(request, public_id):
    return _overview(request, _load(request, public_id))


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(TALK)
def talk(request, public_id, person_id):
    post = request.method == "POST"
    access = _load(request, public_id, allow=policy.may_record_preparation_talk, update=post)
    conference = access.conference
    person = access.related(Person, public_id=person_id, purpose=PURPOSE)
    existing = PreparationTalk.objects.filter(conference=conference, person=person).first()
    current, status = None, 200
    if post:
        form = f.TalkForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            seen = data.pop("version")
            try:
                clients.record_preparation_talk(
                    conference=conference, actor=access.actor, person=person, seen_version=seen, **data
                )
            except clients.Conflict as conflict:
                current, status = conflict.current, 409
                form.add_error(None, conflict)
            except ValidationError as error:
                _apply(form, error)
                status = 400
            else:
                # Generic on purpose: a message travels through the session store; the page it lands on names them.
                messages.success(request, _("Het voorbereidend gesprek is vastgelegd."))
                return redirect(_page(conference) + f"#client-{person.public_id}")
        else:
            status = 400
    else:
        initial = {"coming_as": None, "version": None}
        if existing:
            initial = {
                name: getattr(existing, name)
                for name in (
                    "held_on",
                    "coming_as",
                    "wants_discussed",
                    "hopes",
                    "message",
                    "trusted_person_name",
                    "trusted_person_relation",
                    "language_needs",
                    "without_parents",
                    "version",
                )
            }
        form = f.TalkForm(initial=initial)
    ctx = {
        "conference": conference,
        "case": conference.case,
        "relation": access.relation,
        "person": person,
        "talk": existing,
        "current": current,
        "form": form,
        "not_invited": conference.clients_not_invited.filter(person=person).first(),
        "young": is_young_person(person),
        "ratings": [
            {"label": question_text(r.question, informal(person)), "rating": r}
            for r in SelfRating.objects.filter(conference=conference, person=person)
        ],
        "may_rate": policy.may_record_self_rating(access.user, conference, access.relation),
    }
    return render(request, "conferences/client_talk.html", ctx, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(TALK)
def own_guide_view(request, public_id, person_id):
    """Type in what the client wrote on paper in their own version of the guide (same rule as the talk)."""
    post = request.method == "POST"
    access = _load(request, public_id, allow=policy.may_record_preparation_talk, update=post)
    conference = access.conference
    person = access.related(Person, public_id=person_id, purpose=PURPOSE)
    existing = OwnGuide.objects.filter(conference=conference, person=person).first()
    current, status = None, 200
    if post:
        form = f.OwnGuideForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            seen = data.pop("version")
            try:
                own_guide.save_own_guide(
                    actor=access.actor, conference=conference, person=person, seen_version=seen, **data
                )
            except clients.Conflict as conflict:
                current, status = conflict.current, 409
                form.add_error(None, conflict)
            except ValidationError as error:
                _apply(form, error)
                status = 400
            else:
                messages.success(request, _("De eigen versie van de leidraad is vastgelegd."))
                return redirect(_page(conference) + f"#client-{person.public_id}")
        else:
            status = 400
    else:
        initial = {"version": None}
        if existing:
            initial = {name: getattr(existing, name) for name in (*own_guide.FIELDS, "version")}
        form = f.OwnGuideForm(initial=initial)
    ctx = {
        "conference": conference,
        "case": conference.case,
        "relation": access.relation,
        "person": person,
        "guide": existing,
        "current": current,
        "form": form,
    }
    return render(request, "conferences/client_own_guide.html", ctx, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(CHAIR)
def attendance(request, public_id):
    post = request.method == "POST"
    access = _load(request, public_id, allow=policy.may_chair_conference, update=post)
    conference = access.conference
    invitations = Invitation.objects.filter(conference=conference, person__isnull=False).select_related(
        "person", "online_with"
    )
    team = _team(conference)
    status = 200
    if post:
        form = f.ClientAttendanceForm(request.POST, invitations=invitations, team=team)
        if form.is_valid():
            try:
                clients.record_client_attendance(conference=conference, actor=access.actor, rows=form.values())
            except ValidationError as error:
                _apply(form, error)
                status = 400
            else:
                messages.success(request, _("De aanwezigheid van de gezinsleden is vastgelegd."))
                return redirect(reverse("conferences:workspace", args=[conference.public_id]))
        else:
            status = 400
    else:
        form = f.ClientAttendanceForm(invitations=invitations, team=team)
    ctx = {"conference": conference, "case": conference.case, "relation": access.relation, "form": form}
    return render(request, "conferences/client_attendance.html", ctx, status=status)


def _follow_up(access, follow_up_id):
    return access.related(
        ClientFollowUp.objects.filter(conference=access.conference).select_related("person"),
        public_id=follow_up_id,
        action=Action.UPDATE,
        purpose=PURPOSE,
    )


@require_POST
@login_required
@policy.access_rule(FOLLOW_UP_CHANGE)
def follow_up_change(request, public_id, follow_up_id):
    access = _load(request, public_id, update=True)
    fu = _follow_up(access, follow_up_id)
    fu.conference = access.conference
    if not policy.may_change_client_follow_up(access.user, fu, access.relation):
        raise access.refuse(reason="may not change follow-up", action=Action.UPDATE, purpose=PURPOSE)
    form = f.FollowUpChangeForm(request.POST, team=_team(access.conference), auto_id=f"fu-{fu.pk}-change-%s")
    if form.is_valid():
        try:
            clients.change_follow_up(
                follow_up=fu,
                actor=access.actor,
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
                seen_version=form.cleaned_data["version"],
            )
        except clients.Conflict as conflict:
            form.conflict = True
            form.add_error(None, conflict)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("De taak is gewijzigd."))
            return redirect(_page(access.conference) + "#nabespreking")
    return _overview(request, access, forms={f"change-{fu.pk}": form}, status=_status(form))


@require_POST
@login_required
@policy.access_rule(FOLLOW_UP_DONE)
def follow_up_done(request, public_id, follow_up_id):
    access = _load(request, public_id, update=True)
    fu = _follow_up(access, follow_up_id)
    fu.conference = access.conference
    if not policy.may_complete_client_follow_up(access.user, fu, access.relation):
        raise access.refuse(reason="may not complete follow-up", action=Action.UPDATE, purpose=PURPOSE)
    form = f.FollowUpDoneForm(request.POST, auto_id=f"fu-{fu.pk}-done-%s")
    if form.is_valid():
        try:
            clients.complete_follow_up(
                follow_up=fu,
                actor=access.actor,
                note=form.cleaned_data["note"],
                seen_version=form.cleaned_data["version"],
            )
        except clients.Conflict as conflict:
            form.conflict = True
            form.add_error(None, conflict)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Vastgelegd als gedaan."))
            return redirect(_page(access.conference) + "#nabespreking")
    return _overview(request, access, forms={f"done-{fu.pk}": form}, status=_status(form))


def _status(form):
    return 409 if getattr(form, "conflict", False) else 400
