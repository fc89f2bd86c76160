"""Evaluation pages: a professional's own questionnaires (policy.get_conference + may_evaluate_conference),
the client's ones with the case director at the debrief (+ may_evaluate_with_client, for a household member
invited to that conference), and the aggregates (evaluation_report_houses; no case content)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ineen.access import policy
from ineen.accounts.models import SafetyHouse
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.conferences.models import Invitation

from . import actions, report
from .enums import CLIENT_KINDS, PROFESSIONAL_KINDS, Kind
from .forms import EvaluationForm

PROFESSIONAL = "get_conference + may_evaluate_conference (its chair or an invited professional, after it ended)"
CLIENT = "get_conference + may_evaluate_with_client (chair or case director; a member invited to it)"
REPORT = "evaluation_report_houses: chair, manager or researcher of the house; aggregates only"
PURPOSE = actions.PURPOSE
KIND_LABELS = dict(Kind.choices)


def _render(request, template, context, form, status=200):
    headings = [KIND_LABELS[kind] for kind in form.grouped]
    return render(
        request,
        template,
        {**context, "form": form, "sections": zip(headings, form.sections(), strict=True)},
        status=status,
    )


def _handle(request, access, *, kinds, save, context, done_url):
    grouped = actions.items(actions.current_version(), kinds)
    form = EvaluationForm(request.POST or None, grouped=grouped)
    template = "evaluations/form.html"
    if request.method == "POST":
        if not form.is_valid():
            return _render(request, template, context, form, status=400)
        try:
            save(values=form.values(), comment=form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error(None, error)
            return _render(request, template, context, form, status=409)
        messages.success(request, _("Dank u wel. De evaluatie is opgeslagen."))
        return redirect(done_url)
    return _render(request, template, context, form)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(PROFESSIONAL)
def professional(request, public_id):
    access = policy.get_conference(
        request,
        public_id,
        purpose=PURPOSE,
        action=Action.VIEW if request.method == "GET" else Action.CREATE,
        allow=policy.may_evaluate_conference,
    )
    conference = access.conference
    done = reverse("web:dashboard")
    if actions.already_answered(conference, user=request.user):
        return render(request, "evaluations/done.html", {"conference": conference})
    return _handle(
        request,
        access,
        kinds=[str(k) for k in PROFESSIONAL_KINDS],
        save=lambda **kw: actions.submit_professional(conference=conference, actor=access.actor, **kw),
        context={"conference": conference, "for_client": False},
        done_url=done,
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(CLIENT)
def with_client(request, public_id, person_id):
    access = policy.get_conference(
        request,
        public_id,
        purpose=PURPOSE,
        action=Action.VIEW if request.method == "GET" else Action.CREATE,
        allow=policy.may_evaluate_with_client,
    )
    conference = access.conference
    invitation = (
        Invitation.objects.filter(conference=conference, person__public_id=person_id).select_related("person").first()
    )
    if invitation is None:
        raise policy.NotVisible(
            action=Action.VIEW,
            subject=Subject("person", str(person_id)),
            purpose=PURPOSE,
            role=access.relation,
            reason="not a household member invited to this conference",
        )
    person = invitation.person
    if actions.already_answered(conference, person=person):
        return render(request, "evaluations/done.html", {"conference": conference, "person": person})
    return _handle(
        request,
        access,
        kinds=[str(k) for k in CLIENT_KINDS],
        save=lambda **kw: actions.submit_with_client(conference=conference, actor=access.actor, person=person, **kw),
        context={"conference": conference, "for_client": True, "person": person},
        done_url=reverse("conferences:detail", args=[conference.public_id]),
    )


@require_GET
@login_required
@policy.access_rule(REPORT)
def aggregates(request):
    house_ids = policy.evaluation_report_houses(request.user)
    if not house_ids:
        raise policy.refusal("evaluation_report", purpose="evaluation_report", reason="not chair, manager, researcher")
    period = "month" if request.GET.get("periode") == "maand" else "quarter"
    houses = list(SafetyHouse.objects.filter(pk__in=house_ids).order_by("name"))
    for house in houses:
        house.report = report.build(house.pk, period=period)
        events.record(
            actor=policy.actor_of(request),
            action=Action.VIEW,
            subject=Subject("evaluation_report", house.code, safety_house_code=house.code),
            purpose="evaluation_report",
        )
    return render(
        request,
        "evaluations/aggregates.html",
        {"houses": houses, "period": period, "threshold": report.THRESHOLD},
    )
